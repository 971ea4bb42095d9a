/**
 * Signing keys from a directory (JWT_KEY_DIR), for rotation without restarts of configuration:
 * every `*.json` (a JWK, private or public) and `*.pem` (PKCS#8 private or SPKI public) file is
 * read. Every key verifies and is published; the signer is the private key whose kid or file
 * name (without extension) equals JWT_KEY_ID, or else the private key whose file name sorts last
 * (`npm run keys:rotate` names files `<UTC timestamp>-<kid>.json`, so that is the newest). Keys
 * without a `kid` get their RFC 7638 thumbprint, so a private key and its public half coincide.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { calculateJwkThumbprint, exportJWK, importPKCS8, importSPKI, type JWK } from 'jose';

export const JWT_ALGORITHM = 'EdDSA';

export interface KeyFile {
  file: string;
  jwk: JWK;
}

export interface DirectoryKeys {
  signer: JWK;
  /** Public or private JWKs of every other key, for verification only. */
  others: JWK[];
}

export async function readKeyDirectory(dir: string, keyId: string | undefined): Promise<DirectoryKeys> {
  const files = readdirSync(dir)
    .filter((name) => /\.(json|pem)$/i.test(name))
    .sort();
  const keys: KeyFile[] = [];
  for (const file of files) keys.push({ file, jwk: await readKeyFile(path.join(dir, file)) });
  const signer = chooseSigner(keys, keyId);
  if (!signer) throw new Error(`JWT_KEY_DIR ${dir}: no private key${keyId ? ` named ${keyId}` : ''}`);
  return { signer: signer.jwk, others: keys.filter((key) => key !== signer).map((key) => key.jwk) };
}

/** Pure: the key named by `keyId`, else the last private key in file-name order. */
export function chooseSigner(keys: KeyFile[], keyId: string | undefined): KeyFile | undefined {
  const privateKeys = keys.filter((key) => key.jwk.d !== undefined);
  if (keyId) return privateKeys.find((key) => key.jwk.kid === keyId || stem(key.file) === keyId);
  return privateKeys.at(-1);
}

function stem(file: string): string {
  return path.basename(file).replace(/\.(json|pem)$/i, '');
}

async function readKeyFile(file: string): Promise<JWK> {
  const text = readFileSync(file, 'utf8').trim();
  const jwk = text.startsWith('{') ? (JSON.parse(text) as JWK) : await pemToJwk(text);
  if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || !jwk.x) throw new Error(`${file}: expected an Ed25519 key`);
  return { ...jwk, kid: jwk.kid ?? (await calculateJwkThumbprint({ kty: jwk.kty, crv: jwk.crv, x: jwk.x })) };
}

async function pemToJwk(pem: string): Promise<JWK> {
  const key = pem.includes('PRIVATE KEY')
    ? await importPKCS8(pem, JWT_ALGORITHM, { extractable: true })
    : await importSPKI(pem, JWT_ALGORITHM, { extractable: true });
  return exportJWK(key);
}
