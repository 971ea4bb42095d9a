import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { signAccessToken, signServiceToken, verifyAccessToken } from '../../../src/modules/auth/access-token.js';
import { signingKeysForTest } from '../../helpers/signing-keys.js';
import {
  effectiveScopes,
  generateServiceCredentials,
  hashServiceSecret,
  isServiceAccountActive,
  isServiceSecret,
  parseScopes,
} from '../../../src/modules/service-accounts/service-secret.js';

describe('service credentials', () => {
  it('generates distinct prefixed secrets whose hash is stored', () => {
    const a = generateServiceCredentials();
    const b = generateServiceCredentials();
    expect(isServiceSecret(a.clientSecret)).toBe(true);
    expect(a.clientSecret).not.toBe(b.clientSecret);
    expect(a.clientId).not.toBe(b.clientId);
    expect(a.secretHash).toBe(hashServiceSecret(a.clientSecret));
    expect(a.secretHash).not.toContain(a.clientSecret.slice(6));
  });

  it.each(['eyJhbGciOiJFZERTQSJ9.e30.sig', 'lk_sa_short', `lk_sa_${'a'.repeat(44)}`, 'A'.repeat(49)])('does not take %j for a secret', (value) => {
    expect(isServiceSecret(value)).toBe(false);
  });

  it('validates scopes against the known list', () => {
    expect(parseScopes(['users:read', 'users:read'])).toEqual({ ok: true, scopes: ['users:read'] });
    expect(parseScopes([])).toMatchObject({ ok: false });
    expect(parseScopes(['users:read', 'admin'])).toMatchObject({ ok: false, message: expect.stringContaining('admin') });
  });

  it('treats an account as active until its revocation instant', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    expect(isServiceAccountActive({ revokedAt: null }, now)).toBe(true);
    expect(isServiceAccountActive({ revokedAt: now }, now)).toBe(false);
    expect(isServiceAccountActive({ revokedAt: new Date(now.getTime() + 1) }, now)).toBe(true);
  });

  it('keeps only the token scopes the account still holds', () => {
    expect(effectiveScopes(['users:read', 'x'], ['users:read'])).toEqual(['users:read']);
    expect(effectiveScopes(['users:read'], [])).toEqual([]);
  });
});

describe('token kinds', async () => {
  const { keys, privateKey } = await signingKeysForTest();
  const settings = { issuer: 'https://issuer.test', audience: 'latchkey', ttlSeconds: 300 };
  const now = new Date();

  it('tells user tokens and service tokens apart', async () => {
    const user = await signAccessToken({ userId: 'u1', sessionId: 's1' }, keys, settings, now);
    const service = await signServiceToken({ serviceAccountId: 'a1', clientId: 'c1', scopes: ['users:read'] }, keys, settings, now);
    expect(await verifyAccessToken(user.token, keys, settings, now)).toMatchObject({ ok: true, claims: { kind: 'user', userId: 'u1', sessionId: 's1' } });
    expect(await verifyAccessToken(service.token, keys, settings, now)).toMatchObject({
      ok: true,
      claims: { kind: 'service', serviceAccountId: 'a1', clientId: 'c1', scopes: ['users:read'] },
    });
  });

  it.each([
    ['both sid and client_id', { sid: 's1', client_id: 'c1', scope: 'users:read' }],
    ['neither', {}],
    ['client_id without scope', { client_id: 'c1' }],
  ])('refuses a token with %s', async (_label, payload) => {
    const token = await new SignJWT(payload)
      .setProtectedHeader({ alg: 'EdDSA', kid: keys.kid, typ: 'at+jwt' })
      .setIssuer(settings.issuer)
      .setAudience(settings.audience)
      .setSubject('x')
      .setIssuedAt()
      .setExpirationTime('5m')
      .setJti('j')
      .sign(privateKey);
    expect(await verifyAccessToken(token, keys, settings, now)).toEqual({ ok: false, reason: 'TOKEN_INVALID' });
  });
});
