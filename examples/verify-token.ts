/**
 * How another service verifies a Latchkey access token locally, without calling Latchkey per
 * request: fetch the public keys from /.well-known/jwks.json (cached; re-fetched when a token
 * names an unknown `kid`, e.g. after a key rotation) and verify with the algorithm, issuer,
 * audience and token type pinned.
 *
 *   LATCHKEY_URL=http://127.0.0.1:4000 npx tsx examples/verify-token.ts <access token>
 *
 * Env: LATCHKEY_URL (default http://127.0.0.1:4000), LATCHKEY_ISSUER (default LATCHKEY_URL),
 * LATCHKEY_AUDIENCE (default latchkey). Prints the claims and the token's kind (user or
 * service) as JSON and exits 0, or prints the reason and exits 1.
 *
 * A local check proves only that Latchkey issued the token and it has not expired: a session
 * revoked a moment ago still passes until the token expires (15 minutes at most by default).
 * Ask Latchkey (`me`) when that matters. A service token has `client_id` and `scope` claims and no
 * `sid`; never treat its `sub` as a user id.
 */
import { createRemoteJWKSet, jwtVerify } from 'jose';

const baseUrl = process.env.LATCHKEY_URL ?? 'http://127.0.0.1:4000';
const issuer = process.env.LATCHKEY_ISSUER ?? baseUrl;
const audience = process.env.LATCHKEY_AUDIENCE ?? 'latchkey';
const jwks = createRemoteJWKSet(new URL('/.well-known/jwks.json', baseUrl));

const token = process.argv[2];
if (!token) {
  console.error('usage: verify-token.ts <access token>');
  process.exit(2);
}

try {
  const { payload, protectedHeader } = await jwtVerify(token, jwks, {
    algorithms: ['EdDSA'],
    issuer,
    audience,
    typ: 'at+jwt',
    requiredClaims: ['sub', 'exp', 'iat', 'jti'],
  });
  const kind = typeof payload.client_id === 'string' ? 'service' : 'user';
  console.log(JSON.stringify({ valid: true, kind, kid: protectedHeader.kid, claims: payload }));
} catch (error) {
  console.log(JSON.stringify({ valid: false, reason: (error as { code?: string }).code ?? String(error) }));
  process.exit(1);
}
