import { createHmac } from 'node:crypto';
import { SignJWT, UnsecuredJWT, base64url, type CryptoKey, type JWK } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { signAccessToken, verifyAccessToken } from '../../../src/modules/auth/access-token.js';
import { generateSigningJwk, loadSigningKeys, type SigningKeys } from '../../../src/modules/auth/signing-keys.js';
import { signingKeysForTest } from '../../helpers/signing-keys.js';

const settings = { issuer: 'https://auth.example.test', audience: 'latchkey', ttlSeconds: 900 };
const claims = { userId: '6f1c4d1e-7a4c-4a38-9a51-0cf3b1f0a001', sessionId: '8d2e5f3a-1b2c-4d5e-8f90-a1b2c3d4e5f6' };
const now = new Date('2026-11-22T12:00:00Z');
const keysFrom = async (jwk?: JWK) => (await signingKeysForTest(jwk)).keys;

let keys: SigningKeys;
let privateKey: CryptoKey;
beforeAll(async () => {
  ({ keys, privateKey } = await signingKeysForTest());
});

function decodeParts(token: string) {
  const [header, payload] = token.split('.');
  return { header: JSON.parse(Buffer.from(header!, 'base64url').toString()), payload: JSON.parse(Buffer.from(payload!, 'base64url').toString()) };
}

describe('access tokens', () => {
  it('carries only identifiers and verifies back to the same claims', async () => {
    const { token, expiresAt } = await signAccessToken(claims, keys, settings, now);
    const { header, payload } = decodeParts(token);
    expect(header).toEqual({ alg: 'EdDSA', kid: keys.kid, typ: 'at+jwt' });
    expect(Object.keys(payload).sort()).toEqual(['aud', 'exp', 'iat', 'iss', 'jti', 'sid', 'sub']);
    expect(expiresAt.getTime() - now.getTime()).toBe(900_000);
    expect(await verifyAccessToken(token, keys, settings, now)).toEqual({ ok: true, claims: { kind: 'user', ...claims }, expiresAt });
  });

  it('reports expiry as TOKEN_EXPIRED, one second after exp', async () => {
    const { token } = await signAccessToken(claims, keys, settings, now);
    const later = new Date(now.getTime() + 901_000);
    expect(await verifyAccessToken(token, keys, settings, later)).toEqual({ ok: false, reason: 'TOKEN_EXPIRED' });
  });

  it.each([
    ['issuer', { ...settings, issuer: 'https://evil.example.test' }],
    ['audience', { ...settings, audience: 'another-api' }],
  ])('rejects a token minted for another %s', async (_label, minted) => {
    const { token } = await signAccessToken(claims, keys, minted, now);
    expect(await verifyAccessToken(token, keys, settings, now)).toEqual({ ok: false, reason: 'TOKEN_INVALID' });
  });

  it('rejects a tampered payload', async () => {
    const { token } = await signAccessToken(claims, keys, settings, now);
    const [header, payload, signature] = token.split('.');
    const forged = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    forged.sub = '00000000-0000-4000-8000-000000000000';
    const tampered = [header, base64url.encode(JSON.stringify(forged)), signature].join('.');
    expect((await verifyAccessToken(tampered, keys, settings, now)).ok).toBe(false);
  });

  it('rejects alg:none', async () => {
    const unsecured = new UnsecuredJWT({ sid: claims.sessionId }).setSubject(claims.userId).setIssuer(settings.issuer)
      .setAudience(settings.audience).setIssuedAt(now).setExpirationTime(new Date(now.getTime() + 60_000)).setJti('x').encode();
    expect(await verifyAccessToken(unsecured, keys, settings, now)).toEqual({ ok: false, reason: 'TOKEN_INVALID' });
  });

  it('rejects HS256 signed with the public key as the HMAC secret', async () => {
    const publicJwk = JSON.stringify(keys.jwks[0]);
    const header = base64url.encode(JSON.stringify({ alg: 'HS256', kid: keys.kid, typ: 'at+jwt' }));
    const iat = Math.floor(now.getTime() / 1000);
    const body = base64url.encode(JSON.stringify({ sub: claims.userId, sid: claims.sessionId, iss: settings.issuer, aud: settings.audience, iat, exp: iat + 600, jti: 'j' }));
    const signature = createHmac('sha256', publicJwk).update(`${header}.${body}`).digest('base64url');
    expect(await verifyAccessToken(`${header}.${body}.${signature}`, keys, settings, now)).toEqual({ ok: false, reason: 'TOKEN_INVALID' });
  });

  it('rejects a token signed by a key that is not published, even with a known kid', async () => {
    const foreign = await signingKeysForTest();
    const token = await new SignJWT({ sid: claims.sessionId })
      .setProtectedHeader({ alg: 'EdDSA', kid: keys.kid, typ: 'at+jwt' })
      .setSubject(claims.userId).setIssuer(settings.issuer).setAudience(settings.audience)
      .setIssuedAt(now).setExpirationTime(new Date(now.getTime() + 60_000)).setJti('j')
      .sign(foreign.privateKey);
    expect(await verifyAccessToken(token, keys, settings, now)).toEqual({ ok: false, reason: 'TOKEN_INVALID' });
  });

  it('rejects a token without the at+jwt type or without sid', async () => {
    const base = () => new SignJWT({}).setSubject(claims.userId).setIssuer(settings.issuer).setAudience(settings.audience)
      .setIssuedAt(now).setExpirationTime(new Date(now.getTime() + 60_000)).setJti('j');
    const noType = await base().setProtectedHeader({ alg: 'EdDSA', kid: keys.kid }).sign(privateKey);
    const noSid = await base().setProtectedHeader({ alg: 'EdDSA', kid: keys.kid, typ: 'at+jwt' }).sign(privateKey);
    expect((await verifyAccessToken(noType, keys, settings, now)).ok).toBe(false);
    expect((await verifyAccessToken(noSid, keys, settings, now)).ok).toBe(false);
  });

  it('keeps verifying tokens of an older key listed as additional public key', async () => {
    const oldJwk = await generateSigningJwk();
    const oldKeys = await keysFrom(oldJwk);
    const { token } = await signAccessToken(claims, oldKeys, settings, now);
    const { d: _private, ...oldPublic } = oldJwk;
    const rotated = await loadSigningKeys({ privateKey: JSON.stringify(await generateSigningJwk()), keyId: undefined, additionalPublicKeys: JSON.stringify([oldPublic]), developmentKeyDir: undefined });
    expect(rotated.jwks.map((k) => k.kid)).toEqual([rotated.kid, oldKeys.kid]);
    expect((await verifyAccessToken(token, rotated, settings, now)).ok).toBe(true);
  });
});
