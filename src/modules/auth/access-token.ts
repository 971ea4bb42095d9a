/**
 * Access tokens: short-lived EdDSA JWTs (typ `at+jwt`, RFC 9068) carrying only identifiers:
 * iss, aud, sub (user id), sid (session id), iat, exp, jti and the `kid` header. Verification pins
 * the algorithm, issuer, audience and type, and picks the key by `kid` only, so `alg: none`, HS256
 * with the public key or a foreign key can never verify. Both functions take `now`.
 */
import { randomUUID } from 'node:crypto';
import { errors, jwtVerify, SignJWT } from 'jose';
import { JWT_ALGORITHM, type SigningKeys } from './signing-keys.js';

export const ACCESS_TOKEN_TYPE = 'at+jwt';

export interface AccessTokenSettings {
  issuer: string;
  audience: string;
  ttlSeconds: number;
}

export interface AccessTokenClaims {
  userId: string;
  sessionId: string;
}

export type AccessTokenCheck =
  | { ok: true; claims: AccessTokenClaims; expiresAt: Date }
  | { ok: false; reason: 'TOKEN_EXPIRED' | 'TOKEN_INVALID' };

export async function signAccessToken(
  claims: AccessTokenClaims,
  keys: SigningKeys,
  settings: AccessTokenSettings,
  now: Date,
): Promise<{ token: string; expiresAt: Date }> {
  const issuedAt = Math.floor(now.getTime() / 1000);
  const expiresAtSeconds = issuedAt + settings.ttlSeconds;
  const token = await new SignJWT({ sid: claims.sessionId })
    .setProtectedHeader({ alg: JWT_ALGORITHM, kid: keys.kid, typ: ACCESS_TOKEN_TYPE })
    .setIssuer(settings.issuer)
    .setAudience(settings.audience)
    .setSubject(claims.userId)
    .setIssuedAt(issuedAt)
    .setExpirationTime(expiresAtSeconds)
    .setJti(randomUUID())
    .sign(keys.privateKey);
  return { token, expiresAt: new Date(expiresAtSeconds * 1000) };
}

export async function verifyAccessToken(
  token: string,
  keys: SigningKeys,
  settings: AccessTokenSettings,
  now: Date,
): Promise<AccessTokenCheck> {
  try {
    const { payload } = await jwtVerify(
      token,
      (header) => {
        const key = keys.verificationKey(header.kid);
        if (!key) throw new errors.JWKSNoMatchingKey();
        return key;
      },
      {
        algorithms: [JWT_ALGORITHM],
        issuer: settings.issuer,
        audience: settings.audience,
        typ: ACCESS_TOKEN_TYPE,
        currentDate: now,
        requiredClaims: ['sub', 'sid', 'iat', 'exp', 'jti'],
      },
    );
    if (typeof payload.sub !== 'string' || typeof payload.sid !== 'string') return { ok: false, reason: 'TOKEN_INVALID' };
    return { ok: true, claims: { userId: payload.sub, sessionId: payload.sid }, expiresAt: new Date(payload.exp! * 1000) };
  } catch (error) {
    return { ok: false, reason: error instanceof errors.JWTExpired ? 'TOKEN_EXPIRED' : 'TOKEN_INVALID' };
  }
}
