/**
 * Access tokens: short-lived EdDSA JWTs (typ `at+jwt`, RFC 9068) carrying only identifiers:
 * iss, aud, sub (user id), sid (session id), iat, exp, jti and the `kid` header. Verification pins
 * the algorithm, issuer, audience and type, and picks the key by `kid` only, so `alg: none`, HS256
 * with the public key or a foreign key can never verify. Both functions take `now`. Tokens are
 * minted by SigningKeys.signJwt (fast-jwt, synchronous node:crypto) and verified by jose.
 *
 * Service-account tokens share the format but carry `sub` = service account id, `client_id` and
 * a space-separated `scope`, and never `sid`; a token with both or neither is refused, so a
 * service token can never pass as a user's and the reverse.
 */
import { randomUUID } from 'node:crypto';
import { errors, jwtVerify, type JWTPayload } from 'jose';
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

export interface ServiceTokenClaims {
  serviceAccountId: string;
  clientId: string;
  scopes: string[];
}

export type VerifiedClaims = ({ kind: 'user' } & AccessTokenClaims) | ({ kind: 'service' } & ServiceTokenClaims);

export type AccessTokenCheck =
  | { ok: true; claims: VerifiedClaims; expiresAt: Date }
  | { ok: false; reason: 'TOKEN_EXPIRED' | 'TOKEN_INVALID' };

export async function signAccessToken(
  claims: AccessTokenClaims,
  keys: SigningKeys,
  settings: AccessTokenSettings,
  now: Date,
): Promise<{ token: string; expiresAt: Date }> {
  return sign({ sid: claims.sessionId }, claims.userId, keys, settings, now);
}

export function signServiceToken(
  claims: ServiceTokenClaims,
  keys: SigningKeys,
  settings: AccessTokenSettings,
  now: Date,
): Promise<{ token: string; expiresAt: Date }> {
  const payload = { client_id: claims.clientId, scope: claims.scopes.join(' ') };
  return sign(payload, claims.serviceAccountId, keys, settings, now);
}

async function sign(
  payload: Record<string, string>,
  subject: string,
  keys: SigningKeys,
  settings: AccessTokenSettings,
  now: Date,
): Promise<{ token: string; expiresAt: Date }> {
  const issuedAt = Math.floor(now.getTime() / 1000);
  const expiresAtSeconds = issuedAt + settings.ttlSeconds;
  const claims = { ...payload, iss: settings.issuer, aud: settings.audience, sub: subject, iat: issuedAt, exp: expiresAtSeconds, jti: randomUUID() };
  const token = keys.signJwt(claims, ACCESS_TOKEN_TYPE);
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
        requiredClaims: ['sub', 'iat', 'exp', 'jti'],
      },
    );
    const claims = claimsOf(payload);
    if (!claims) return { ok: false, reason: 'TOKEN_INVALID' };
    return { ok: true, claims, expiresAt: new Date(payload.exp! * 1000) };
  } catch (error) {
    return { ok: false, reason: error instanceof errors.JWTExpired ? 'TOKEN_EXPIRED' : 'TOKEN_INVALID' };
  }
}

function claimsOf(payload: JWTPayload): VerifiedClaims | null {
  const { sub, sid, client_id: clientId, scope } = payload;
  if (typeof sub !== 'string') return null;
  if (typeof sid === 'string' && clientId === undefined) return { kind: 'user', userId: sub, sessionId: sid };
  if (typeof clientId === 'string' && sid === undefined && typeof scope === 'string') {
    return { kind: 'service', serviceAccountId: sub, clientId, scopes: scope.split(' ').filter(Boolean) };
  }
  return null;
}
