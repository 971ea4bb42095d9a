/**
 * The per-request GraphQL context, built fresh for every request and never mutated afterwards:
 * the authenticated viewer (checked against the database), request facts, services, a fresh set
 * of dataloaders and a child logger carrying the request id.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { createRefreshCookieJar, type RefreshCookieJar } from '../http/refresh-cookie.js';
import type { AuthState, Viewer } from '../modules/auth/viewer.js';
import type { RequestMeta } from '../modules/request-meta.js';
import type { Services } from '../services.js';
import { AppError, ERROR_CODES } from './errors.js';
import { createLoaders, type Loaders } from './loaders.js';

export interface GraphQLContext {
  requestId: string;
  logger: Logger;
  meta: RequestMeta;
  auth: AuthState;
  viewer: Viewer | null;
  services: Services;
  loaders: Loaders;
  refreshCookie: RefreshCookieJar;
}

export interface ContextDeps {
  config: Config;
  services: Services;
  clock: () => Date;
}

const MAX_TOKEN_LENGTH = 4096;

/** The bearer token from the Authorization header only; never from the URL. */
export function bearerToken(header: string | undefined): string | null | 'malformed' {
  if (header === undefined || header === '') return null;
  const match = /^Bearer ([A-Za-z0-9._~+/=-]+)$/i.exec(header);
  if (!match || match[1]!.length > MAX_TOKEN_LENGTH) return 'malformed';
  return match[1]!;
}

/**
 * Authentication fails the whole request only for a raw service secret (wrong, revoked or rate
 * limited); Apollo answers 500 for a context error unless it names an HTTP status.
 */
function withHttpStatus(error: unknown): never {
  if (error instanceof AppError) {
    const status = error.extensions.code === ERROR_CODES.RATE_LIMITED ? 429 : 401;
    Object.assign(error.extensions, { http: { status } });
  }
  throw error;
}

export function createContextFunction(deps: ContextDeps) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<GraphQLContext> => {
    const now = deps.clock();
    const token = bearerToken(request.headers.authorization);
    const auth: AuthState =
      token === 'malformed'
        ? { status: 'invalid', reason: 'TOKEN_INVALID' }
        : await deps.services.auth.authenticate(token, now, request.ip ?? null).catch(withHttpStatus);
    const viewer = auth.status === 'authenticated' ? auth.viewer : null;
    const userAgent = request.headers['user-agent']?.slice(0, 512) ?? null;
    return {
      requestId: request.id,
      logger: request.log as unknown as Logger,
      meta: { now, ipAddress: request.ip ?? null, userAgent },
      auth,
      viewer,
      services: deps.services,
      loaders: createLoaders(deps.services, now),
      refreshCookie: createRefreshCookieJar(deps.config.cookie, request, reply),
    };
  };
}
