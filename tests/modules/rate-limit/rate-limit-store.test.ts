/**
 * The Redis rate-limit store: counters shared between instances, and a Redis outage that falls
 * back to in-memory limits (still enforced, answered fast, logged once) instead of failing open
 * or taking logins down.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config, RateLimitRule } from '../../../src/config.js';
import { RateLimitedError } from '../../../src/graphql/errors.js';
import { openRateLimitStore, type RateLimitStore } from '../../../src/modules/rate-limit/rate-limit-store.js';
import { createRateLimiters } from '../../../src/modules/rate-limit/rate-limiters.js';
import { freePort } from '../../helpers/ports.js';
import { capturingLogger } from '../../helpers/logs.js';
import { reachableRedisUrl, uniqueKeyPrefix } from '../../helpers/redis.js';

const rule = (points: number): RateLimitRule => ({ points, durationSeconds: 60 });
const RULES: Config['rateLimits'] = {
  loginFailuresPerAccount: rule(3),
  loginFailuresPerIp: rule(100),
  registerPerIp: rule(2),
  refreshPerSession: rule(60),
  accountMailPerAccount: rule(3),
  accountMailPerIp: rule(20),
  globalPerIp: rule(1000),
  serviceAuthPerClient: rule(600),
  serviceAuthFailuresPerIp: rule(20),
};

async function outcome(work: Promise<void>): Promise<'ok' | 'RATE_LIMITED'> {
  try {
    await work;
    return 'ok';
  } catch (error) {
    if (error instanceof RateLimitedError) return 'RATE_LIMITED';
    throw error;
  }
}

const redisUrl = await reachableRedisUrl();
const stores: RateLimitStore[] = [];
afterAll(async () => {
  await Promise.all(stores.map((s) => s.close()));
});

describe.skipIf(!redisUrl)('with Redis', () => {
  it('shares counters between two instances with the same prefix', async () => {
    const keyPrefix = uniqueKeyPrefix();
    const [a, b] = await Promise.all(
      [0, 1].map(async () => {
        const store = openRateLimitStore({ url: redisUrl!, keyPrefix, commandTimeoutMs: 500 }, capturingLogger().logger);
        stores.push(store);
        await store.ready();
        return createRateLimiters(RULES, store.factory);
      }),
    );
    expect(await outcome(a!.registerPerIp.consume('10.0.0.1'))).toBe('ok');
    expect(await outcome(b!.registerPerIp.consume('10.0.0.1'))).toBe('ok');
    expect(await outcome(a!.registerPerIp.consume('10.0.0.1'))).toBe('RATE_LIMITED');
    expect(await outcome(b!.registerPerIp.consume('10.0.0.2'))).toBe('ok');
    await a!.loginFailuresPerAccount.penalize('x@example.com');
    await b!.loginFailuresPerAccount.reset('x@example.com');
    for (let i = 0; i < 3; i += 1) await a!.loginFailuresPerAccount.penalize('x@example.com');
    expect(await outcome(b!.loginFailuresPerAccount.assertOpen('x@example.com'))).toBe('RATE_LIMITED');
  });
});

describe('when Redis is unreachable', () => {
  let store: RateLimitStore;
  let lines: Array<Record<string, any>>;
  beforeAll(async () => {
    const capture = capturingLogger();
    lines = capture.lines;
    store = openRateLimitStore({ url: `redis://127.0.0.1:${await freePort()}`, keyPrefix: uniqueKeyPrefix(), commandTimeoutMs: 200 }, capture.logger);
    stores.push(store);
  });

  it('keeps enforcing limits from memory and logs the outage once', async () => {
    const limiters = createRateLimiters(RULES, store.factory);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await outcome(limiters.registerPerIp.consume('10.0.0.9'))).toBe('ok');
    expect(await outcome(limiters.registerPerIp.consume('10.0.0.9'))).toBe('ok');
    expect(await outcome(limiters.registerPerIp.consume('10.0.0.9'))).toBe('RATE_LIMITED');
    for (let i = 0; i < 3; i += 1) await limiters.loginFailuresPerAccount.penalize('y@example.com');
    expect(await outcome(limiters.loginFailuresPerAccount.assertOpen('y@example.com'))).toBe('RATE_LIMITED');
    await limiters.loginFailuresPerAccount.reset('y@example.com');
    expect(await outcome(limiters.loginFailuresPerAccount.assertOpen('y@example.com'))).toBe('ok');
    await new Promise((resolve) => setTimeout(resolve, 600));
    const outages = lines.filter((l) => /Redis\) unavailable/.test(l.msg));
    expect(outages).toHaveLength(1);
    expect(outages[0]!.level).toBe(40);
  });
});

const REDIS_SERVER = '/usr/bin/redis-server';

async function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn(REDIS_SERVER, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'pipe' });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('Ready to accept') && resolve());
    child.once('exit', () => reject(new Error('redis-server exited')));
  });
  return child;
}

async function stopRedis(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

async function until(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  for (const started = Date.now(); !check(); ) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe.skipIf(!existsSync(REDIS_SERVER))('a Redis outage and recovery (private redis-server)', () => {
  it('falls back to memory while Redis is down, logs it once, and shares counters again when it is back', async () => {
    const port = await freePort();
    let redis = await startRedis(port);
    const { logger, lines } = capturingLogger();
    const keyPrefix = uniqueKeyPrefix();
    const store = openRateLimitStore({ url: `redis://127.0.0.1:${port}`, keyPrefix, commandTimeoutMs: 200 }, logger);
    stores.push(store);
    await store.ready();
    const limiters = createRateLimiters(RULES, store.factory);
    try {
      expect(await outcome(limiters.registerPerIp.consume('10.1.0.1'))).toBe('ok');
      await stopRedis(redis);
      await until(() => lines.some((l) => /unavailable/.test(l.msg)));
      expect(await outcome(limiters.registerPerIp.consume('10.1.0.2'))).toBe('ok');
      expect(await outcome(limiters.registerPerIp.consume('10.1.0.2'))).toBe('ok');
      expect(await outcome(limiters.registerPerIp.consume('10.1.0.2'))).toBe('RATE_LIMITED');
      redis = await startRedis(port);
      await until(() => lines.some((l) => /reconnected/.test(l.msg)));
      expect(lines.filter((l) => /unavailable/.test(l.msg))).toHaveLength(1);
      expect(await outcome(limiters.registerPerIp.consume('10.1.0.3'))).toBe('ok');
      const direct = new Redis(`redis://127.0.0.1:${port}`);
      try {
        expect(await direct.keys(`${keyPrefix}*`)).toEqual([`${keyPrefix}registerPerIp:10.1.0.3`]);
      } finally {
        direct.disconnect();
      }
    } finally {
      await stopRedis(redis);
    }
  });
});
