import { beforeAll, describe, expect, it } from 'vitest';
import { signAccessToken, verifyAccessToken, type AccessTokenSettings } from '../../../src/modules/auth/access-token.js';
import { loadSigningKeys, type SigningKeys } from '../../../src/modules/auth/signing-keys.js';
import { cacheVerifiedTokens, type TokenVerifier } from '../../../src/modules/auth/verified-token-cache.js';

const settings: AccessTokenSettings = { issuer: 'https://issuer.test', audience: 'latchkey', ttlSeconds: 900 };
const claims = { userId: '5b6f1f9e-3f7c-4a36-8a34-0d6a3e4c1a01', sessionId: '0c3f6d1e-8e0b-4c55-9a55-4c1c2c8b9f02' };
const issuedAt = new Date('2026-11-22T12:00:00.000Z');
const at = (seconds: number) => new Date(issuedAt.getTime() + seconds * 1000);

let keys: SigningKeys;
let token: string;

/** The real verifier, counting how often it actually runs. */
function countingVerifier() {
  const counter = { calls: 0 };
  const verify: TokenVerifier = (t, now) => {
    counter.calls += 1;
    return verifyAccessToken(t, keys, settings, now);
  };
  return { counter, verify };
}

beforeAll(async () => {
  keys = await loadSigningKeys({ privateKey: undefined, keyId: undefined, additionalPublicKeys: undefined, developmentKeyDir: undefined });
  token = (await signAccessToken(claims, keys, settings, issuedAt)).token;
});

describe('cacheVerifiedTokens', () => {
  it('verifies a token once and answers repeats from the cache with the same claims', async () => {
    const { counter, verify } = countingVerifier();
    const cached = cacheVerifiedTokens(verify);
    const first = await cached(token, at(1));
    const second = await cached(token, at(2));
    expect(first).toEqual({ ok: true, claims: { kind: 'user', ...claims }, expiresAt: at(900) });
    expect(second).toEqual(first);
    expect(counter.calls).toBe(1);
  });

  it('expires a cached token at exactly the instant the uncached check does', async () => {
    const cached = cacheVerifiedTokens(countingVerifier().verify);
    await cached(token, at(1));
    expect((await cached(token, at(899.999))).ok).toBe(true);
    expect(await cached(token, at(900))).toEqual({ ok: false, reason: 'TOKEN_EXPIRED' });
    expect(await verifyAccessToken(token, keys, settings, at(900))).toEqual({ ok: false, reason: 'TOKEN_EXPIRED' });
    expect(await cached(token, at(901))).toEqual({ ok: false, reason: 'TOKEN_EXPIRED' });
  });

  it('never caches a failure, and a tampered token never hits the cache', async () => {
    const { counter, verify } = countingVerifier();
    const cached = cacheVerifiedTokens(verify);
    await cached(token, at(1));
    const [header, payload, signature] = token.split('.');
    // Change a whole byte in the middle of the signature (the last characters carry padding bits).
    const flipped = signature![10] === 'A' ? 'B' : 'A';
    const tampered = `${header}.${payload}.${signature!.slice(0, 10)}${flipped}${signature!.slice(11)}`;
    expect(await cached(tampered, at(2))).toEqual({ ok: false, reason: 'TOKEN_INVALID' });
    expect(await cached(tampered, at(3))).toEqual({ ok: false, reason: 'TOKEN_INVALID' });
    expect(counter.calls).toBe(3);
  });

  it('stays bounded: the least recently used token is verified again after eviction', async () => {
    const { counter, verify } = countingVerifier();
    const cached = cacheVerifiedTokens(verify, 1);
    const other = (await signAccessToken(claims, keys, settings, at(10))).token;
    await cached(token, at(20));
    await cached(other, at(20));
    await cached(token, at(20));
    expect(counter.calls).toBe(3);
  });
});
