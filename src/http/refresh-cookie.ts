/**
 * The refresh-token cookie: httpOnly, Secure and SameSite=Strict by default, `__Host-` prefixed
 * when Secure (which pins it to this host and path /). Browsers never expose it to scripts.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config.js';

export interface RefreshCookieJar {
  read(): string | null;
  set(token: string, expiresAt: Date): void;
  clear(): void;
}

export function refreshCookieName(cookie: Config['cookie']): string {
  return cookie.secure ? `__Host-${cookie.name}` : cookie.name;
}

export function createRefreshCookieJar(cookie: Config['cookie'], request: FastifyRequest, reply: FastifyReply): RefreshCookieJar {
  const name = refreshCookieName(cookie);
  const options = { httpOnly: true, secure: cookie.secure, sameSite: cookie.sameSite, path: '/' } as const;
  return {
    read: () => request.cookies[name] ?? null,
    set: (token, expiresAt) => {
      reply.setCookie(name, token, { ...options, expires: expiresAt });
    },
    clear: () => {
      reply.clearCookie(name, options);
    },
  };
}
