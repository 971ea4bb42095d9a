/**
 * Security headers from helmet, worked out once at start-up. Our helmet configuration has no
 * per-request parts (no CSP nonces, no functions as directive values), so the headers it sets are
 * the same on every response: they are captured from one run of the middleware and then set as a
 * plain object on each reply, instead of running helmet's eleven middlewares per request. Every
 * response is also `cache-control: no-store` unless its route says otherwise.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import helmet from 'helmet';
import type { Config } from '../config.js';

/** What Apollo's embedded Sandbox needs (development only; the landing page is off in production). */
const SANDBOX_SOURCES = ['*', 'data:', 'blob:', "'unsafe-inline'", "'unsafe-eval'"];

function helmetFor(config: Config) {
  return helmet({
    // The Sandbox landing page loads Apollo's embedded explorer; without it nothing needs scripts.
    // Either way no other site may frame us.
    contentSecurityPolicy: config.graphql.landingPage
      ? { useDefaults: false, directives: { defaultSrc: SANDBOX_SOURCES, frameAncestors: ["'none'"] } }
      : { directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"], baseUri: ["'none'"] } },
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: 'no-referrer' },
    xFrameOptions: { action: 'deny' },
    // Only over TLS (HSTS=true or an https PUBLIC_URL): on plain http it would be ignored at best.
    strictTransportSecurity: config.http.hsts ? { maxAge: 31_536_000, includeSubDomains: true } : false,
  });
}

/** The headers helmet sets, read off one run against a response that only records them. */
export function securityHeaders(config: Config): Record<string, string> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader: (name: string, value: string | number | readonly string[]) => void (headers[name.toLowerCase()] = String(value)),
    removeHeader: (name: string) => void delete headers[name.toLowerCase()],
  };
  let outcome: { error?: unknown } | undefined;
  helmetFor(config)({} as IncomingMessage, recorder as unknown as ServerResponse, (error?: unknown) => void (outcome = { error }));
  // helmet's middlewares are synchronous; if a future version were not, refuse to start half-configured.
  if (!outcome) throw new Error('helmet did not finish synchronously; security headers cannot be precomputed');
  if (outcome.error) throw outcome.error;
  return headers;
}

export function registerSecurityHeaders(fastify: FastifyInstance, config: Config): void {
  // Tokens and user data must not be stored by browsers or proxies (RFC 6749 §5.1 asks the same of
  // token responses); the few cacheable routes (JWKS, avatars) set their own cache-control.
  const headers = { ...securityHeaders(config), 'cache-control': 'no-store' };
  fastify.addHook('onRequest', (_request, reply, done) => {
    reply.headers(headers);
    done();
  });
}
