/**
 * Named rate limiters (rate-limiter-flexible). Every limit is checked per GraphQL field execution
 * inside the service call, so aliases and batched fields each count. Limits block for the rest of
 * their window and then lift by themselves: nothing here locks an account permanently.
 * Every limiter comes from one factory, so with REDIS_URL all of them share the Redis store
 * (see rate-limit-store.ts) and hold across instances.
 */
import { RateLimiterMemory, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Config, RateLimitRule } from '../../config.js';
import { RateLimitedError } from '../../graphql/errors.js';

export interface Limiter {
  /** Counts one attempt; throws RATE_LIMITED when the window is already full. */
  consume(key: string): Promise<void>;
  /** Throws RATE_LIMITED when the window is full, without counting anything. */
  assertOpen(key: string): Promise<void>;
  /** Counts one failure without throwing (the caller has already answered). */
  penalize(key: string): Promise<void>;
  reset(key: string): Promise<void>;
}

export interface RateLimiters {
  loginFailuresPerAccount: Limiter;
  loginFailuresPerIp: Limiter;
  registerPerIp: Limiter;
  refreshPerSession: Limiter;
  /** Mail-sending account requests (reset, resend verification, email change), keyed `<operation>:<account>`. */
  accountMailPerAccount: Limiter;
  /** The same requests keyed `<operation>:<ip>`. */
  accountMailPerIp: Limiter;
  /** Every GraphQL request from one client IP (the ceiling under all the specific limits). */
  globalPerIp: Limiter;
  /** Token exchanges and raw-secret requests per service account. */
  serviceAuthPerClient: Limiter;
  /** Failed service-account authentications per IP. */
  serviceAuthFailuresPerIp: Limiter;
}

export type LimiterFactory = (name: string, rule: RateLimitRule) => RateLimiterAbstract;

export const memoryLimiterFactory: LimiterFactory = (name, rule) =>
  new RateLimiterMemory({ keyPrefix: name, points: rule.points, duration: rule.durationSeconds });

export function createRateLimiters(
  rules: Config['rateLimits'],
  factory: LimiterFactory = memoryLimiterFactory,
): RateLimiters {
  const make = (name: keyof RateLimiters) => wrapLimiter(factory(name, rules[name]), rules[name]);
  return {
    loginFailuresPerAccount: make('loginFailuresPerAccount'),
    loginFailuresPerIp: make('loginFailuresPerIp'),
    registerPerIp: make('registerPerIp'),
    refreshPerSession: make('refreshPerSession'),
    accountMailPerAccount: make('accountMailPerAccount'),
    accountMailPerIp: make('accountMailPerIp'),
    globalPerIp: make('globalPerIp'),
    serviceAuthPerClient: make('serviceAuthPerClient'),
    serviceAuthFailuresPerIp: make('serviceAuthFailuresPerIp'),
  };
}

function wrapLimiter(limiter: RateLimiterAbstract, rule: RateLimitRule): Limiter {
  return {
    async consume(key) {
      try {
        await limiter.consume(key);
      } catch (rejection) {
        if (rejection instanceof RateLimiterRes) throw new RateLimitedError(rejection.msBeforeNext / 1000);
        throw rejection;
      }
    },
    async assertOpen(key) {
      const state = await limiter.get(key);
      if (state && state.consumedPoints >= rule.points) throw new RateLimitedError(state.msBeforeNext / 1000);
    },
    async penalize(key) {
      await limiter.penalty(key, 1);
    },
    async reset(key) {
      await limiter.delete(key);
    },
  };
}
