/**
 * Remembers access tokens whose signature and claims already verified, so a client sending the
 * same token on every request (as clients do for its whole lifetime) costs one Ed25519
 * verification instead of one per request: through WebCrypto that is ~150 µs of CPU, as much as
 * the rest of a `me` request (bench/README.md).
 *
 * Guarantees: entries are keyed by the exact token string, so only a string that verified before
 * can hit; expiry is checked against `now` on every hit with the same rule as jose (valid while
 * now < exp), so a cached token stops working at the same instant as an uncached one; failures
 * are never cached; the cache is bounded (LRU) and private to this process. Revocation is not
 * affected: the session is still checked in the database on every request.
 */
import { LRUCache } from 'lru-cache';
import type { AccessTokenCheck, VerifiedClaims } from './access-token.js';

export type TokenVerifier = (token: string, now: Date) => Promise<AccessTokenCheck>;

interface Verified {
  claims: VerifiedClaims;
  expiresAt: Date;
}

/** ~10k live tokens at well under 1 KB each. */
export const VERIFIED_TOKEN_CACHE_SIZE = 10_000;

export function cacheVerifiedTokens(verify: TokenVerifier, maxEntries = VERIFIED_TOKEN_CACHE_SIZE): TokenVerifier {
  const verified = new LRUCache<string, Verified>({ max: maxEntries });
  return async (token, now) => {
    const hit = verified.get(token);
    if (hit) {
      if (now.getTime() < hit.expiresAt.getTime()) return { ok: true, claims: hit.claims, expiresAt: hit.expiresAt };
      verified.delete(token);
      return { ok: false, reason: 'TOKEN_EXPIRED' };
    }
    const check = await verify(token, now);
    if (check.ok) verified.set(token, { claims: check.claims, expiresAt: check.expiresAt });
    return check;
  };
}
