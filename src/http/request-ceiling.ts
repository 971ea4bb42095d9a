/**
 * The global per-IP ceiling on GraphQL requests (GLOBAL_MAX_PER_IP per GLOBAL_IP_WINDOW_SECONDS),
 * checked before the body is parsed. The specific limits (login, register, refresh, ...) count per
 * field execution inside the services; this one bounds everything else an address can send.
 * The client IP is Fastify's `request.ip`, which honours X-Forwarded-For only under TRUST_PROXY.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { RateLimitedError } from '../graphql/errors.js';
import type { Limiter } from '../modules/rate-limit/rate-limiters.js';

export function requestCeiling(limiter: Limiter) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    try {
      await limiter.consume(request.ip ?? 'unknown');
    } catch (error) {
      if (!(error instanceof RateLimitedError)) throw error;
      const retryAfter = Number(error.extensions.retryAfter);
      return reply
        .code(429)
        .header('retry-after', String(retryAfter))
        .send({ errors: [{ message: error.message, extensions: { code: error.extensions.code, retryAfter } }] });
    }
  };
}
