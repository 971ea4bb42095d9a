/**
 * Ed25519 signing keys. The current private key signs; every published key (current plus older
 * public keys kept during a rotation) verifies, selected strictly by the token's `kid`. Keys come
 * from config (PEM or JWK); without one, a development key pair is generated once and kept under
 * the data directory (never in production: config refuses to start without JWT_PRIVATE_KEY).
 */
import { createPrivateKey, hkdfSync, type JsonWebKey } from 'node:crypto';
import { createSigner } from 'fast-jwt';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  calculateJwkThumbprint,
  exportJWK,
  generateKeyPair,
  importJWK,
  importPKCS8,
  type CryptoKey,
  type JWK,
} from 'jose';
import { JWT_ALGORITHM, readKeyDirectory } from './key-directory.js';

export { JWT_ALGORITHM };

export interface SigningKeys {
  kid: string;
  /**
   * A compact JWS of `payload` signed with the current key: header `alg` EdDSA, this `kid` and
   * `typ` as given. Synchronous (fast-jwt over node:crypto): jose's WebCrypto signing cost ~4x the
   * CPU per token, on every login and refresh. Verification stays with jose.
   */
  signJwt(payload: Record<string, unknown>, typ: string): string;
  /** Public JWKs for /.well-known/jwks.json, current key first. */
  jwks: JWK[];
  /** The verification key for a `kid`, or undefined for an unknown one. */
  verificationKey(kid: string | undefined): CryptoKey | undefined;
  /**
   * A 32-byte secret for `purpose`, derived (HKDF-SHA256) from the current private key: every
   * instance sharing the key derives the same secret, and rotating the key rotates it.
   */
  deriveSecret(purpose: string): Buffer;
}

export interface SigningKeySource {
  privateKey: string | undefined;
  keyId: string | undefined;
  additionalPublicKeys: string | undefined;
  /** Where to keep a generated development key; undefined keeps it in memory only. */
  developmentKeyDir: string | undefined;
  /** A directory of key files (see key-directory.ts); replaces privateKey when set. */
  keyDir?: string | undefined;
}

export async function loadSigningKeys(source: SigningKeySource): Promise<SigningKeys> {
  const { privateJwk, older } = await sourceKeys(source);
  const currentPublic = await toPublicJwk(privateJwk, source.keyDir ? privateJwk.kid : (source.keyId ?? privateJwk.kid));
  const olderPublic = await Promise.all(older.map((jwk) => toPublicJwk(jwk, jwk.kid)));
  const jwks = [currentPublic];
  for (const jwk of olderPublic) if (!jwks.some((known) => known.kid === jwk.kid)) jwks.push(jwk);
  const verifiers = new Map<string, CryptoKey>();
  for (const jwk of jwks) verifiers.set(jwk.kid!, (await importJWK(jwk, JWT_ALGORITHM)) as CryptoKey);
  const kid = currentPublic.kid!;
  return {
    kid,
    signJwt: jwtSigner(privateJwk, kid),
    jwks,
    verificationKey: (kid) => (kid === undefined ? undefined : verifiers.get(kid)),
    deriveSecret: (purpose) =>
      Buffer.from(hkdfSync('sha256', Buffer.from(privateJwk.d!, 'base64url'), 'latchkey', purpose, 32)),
  };
}

/** One fast-jwt signer per `typ`, each built once from the private JWK. */
function jwtSigner(privateJwk: JWK, kid: string): SigningKeys['signJwt'] {
  const pem = createPrivateKey({ key: privateJwk as JsonWebKey, format: 'jwk' }).export({ format: 'pem', type: 'pkcs8' }).toString();
  const signers = new Map<string, (payload: Record<string, unknown>) => string>();
  return (payload, typ) => {
    let signer = signers.get(typ);
    if (!signer) {
      signer = createSigner({ key: pem, algorithm: JWT_ALGORITHM, kid, header: { alg: JWT_ALGORITHM, typ } });
      signers.set(typ, signer);
    }
    return signer(payload);
  };
}

async function sourceKeys(source: SigningKeySource): Promise<{ privateJwk: JWK; older: JWK[] }> {
  const additional = parsePublicKeyList(source.additionalPublicKeys);
  if (source.keyDir) {
    const { signer, others } = await readKeyDirectory(source.keyDir, source.keyId);
    return { privateJwk: assertEd25519(signer, true), older: [...others, ...additional] };
  }
  const privateJwk = source.privateKey
    ? await parsePrivateKey(source.privateKey)
    : await developmentKey(source.developmentKeyDir);
  return { privateJwk, older: additional };
}

async function parsePrivateKey(value: string): Promise<JWK> {
  const text = value.trim().replace(/\\n/g, '\n');
  if (text.startsWith('{')) return assertEd25519(JSON.parse(text) as JWK, true);
  const key = await importPKCS8(text, JWT_ALGORITHM, { extractable: true });
  return assertEd25519(await exportJWK(key), true);
}

function parsePublicKeyList(value: string | undefined): JWK[] {
  if (!value) return [];
  const parsed = JSON.parse(value) as JWK | JWK[] | { keys: JWK[] };
  const list = Array.isArray(parsed) ? parsed : 'keys' in parsed ? parsed.keys : [parsed];
  return list.map((jwk) => assertEd25519(jwk, false));
}

function assertEd25519(jwk: JWK, needsPrivate: boolean): JWK {
  if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || !jwk.x || (needsPrivate && !jwk.d)) {
    throw new Error(`expected an Ed25519 ${needsPrivate ? 'private' : 'public'} key`);
  }
  return jwk;
}

async function toPublicJwk(jwk: JWK, kid: string | undefined): Promise<JWK> {
  const publicJwk: JWK = { kty: jwk.kty, crv: jwk.crv, x: jwk.x };
  return { ...publicJwk, kid: kid ?? (await calculateJwkThumbprint(publicJwk)), alg: JWT_ALGORITHM, use: 'sig' };
}

/** Generates an Ed25519 private JWK (also used by `npm run keys:rotate`). */
export async function generateSigningJwk(): Promise<JWK> {
  const { privateKey } = await generateKeyPair(JWT_ALGORITHM, { crv: 'Ed25519', extractable: true });
  const jwk = await exportJWK(privateKey);
  return { ...jwk, kid: await calculateJwkThumbprint({ kty: jwk.kty!, crv: jwk.crv!, x: jwk.x! }) };
}

async function developmentKey(dir: string | undefined): Promise<JWK> {
  if (!dir) return generateSigningJwk();
  const file = path.join(dir, 'signing-key.json');
  if (existsSync(file)) return assertEd25519(JSON.parse(readFileSync(file, 'utf8')) as JWK, true);
  const jwk = await generateSigningJwk();
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  writeFileSync(file, JSON.stringify(jwk), { mode: 0o600 });
  return jwk;
}
