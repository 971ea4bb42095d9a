/**
 * Where rate-limit counters live. Without REDIS_URL: process memory. With it: Redis, shared by
 * every instance, with an in-memory limiter as insurance for each limit, so a Redis outage
 * degrades to per-process limits. It never opens the gates (limits still apply) and never takes
 * logins down (commands fail fast instead of queueing). The outage is logged once when it starts
 * and once when Redis is back.
 */
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { RateLimiterRedis } from 'rate-limiter-flexible';
import type { Config } from '../../config.js';
import { memoryLimiterFactory, type LimiterFactory } from './rate-limiters.js';

export interface RateLimitStore {
  kind: 'memory' | 'redis';
  factory: LimiterFactory;
  /** Resolves once Redis is connected or the connect timeout passed: start-up never hangs on it. */
  ready(): Promise<void>;
  close(): Promise<void>;
}

const CONNECT_TIMEOUT_MS = 2000;

export function openRateLimitStore(redis: Config['redis'], logger: Logger): RateLimitStore {
  if (!redis) return { kind: 'memory', factory: memoryLimiterFactory, ready: async () => {}, close: async () => {} };
  const client = new Redis(redis.url, {
    // Fail fast while disconnected so the insurance limiter answers at once.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: redis.commandTimeoutMs,
    connectTimeout: CONNECT_TIMEOUT_MS,
    retryStrategy: (attempt) => Math.min(attempt * 250, 2000),
  });
  watchOutages(client, logger);
  const factory: LimiterFactory = (name, rule) =>
    new RateLimiterRedis({
      storeClient: client,
      keyPrefix: `${redis.keyPrefix}${name}`,
      points: rule.points,
      duration: rule.durationSeconds,
      rejectIfRedisNotReady: true,
      insuranceLimiter: memoryLimiterFactory(name, rule),
    });
  return {
    kind: 'redis',
    factory,
    ready: () => connectedOrTimeout(client),
    async close() {
      client.disconnect();
    },
  };
}

function watchOutages(client: Redis, logger: Logger): void {
  let down = false;
  client.on('error', (err: Error) => {
    if (down) return;
    down = true;
    logger.warn({ err: { message: err.message } }, 'rate-limit store (Redis) unavailable; falling back to in-memory limits');
  });
  client.on('ready', () => {
    if (!down) return;
    down = false;
    logger.info('rate-limit store (Redis) reconnected; limits are shared again');
  });
}

function connectedOrTimeout(client: Redis): Promise<void> {
  if (client.status === 'ready') return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, CONNECT_TIMEOUT_MS);
    client.once('ready', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
