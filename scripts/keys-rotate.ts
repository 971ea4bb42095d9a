/**
 * `npm run keys:rotate` prints a new Ed25519 signing key pair as JSON: the private JWK and PEM
 * (for JWT_PRIVATE_KEY) and the public JWK (for JWT_ADDITIONAL_PUBLIC_KEYS elsewhere).
 * `npm run keys:rotate -- --dir <JWT_KEY_DIR>` instead writes the private JWK into the key
 * directory as `<UTC timestamp>-<kid>.json` (mode 0600), which makes it the newest key there,
 * and prints only the public JWK. See README "Key rotation" for the whole procedure.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { exportPKCS8, importJWK, type CryptoKey, type JWK } from 'jose';
import { generateSigningJwk, JWT_ALGORITHM } from '../src/modules/auth/signing-keys.js';

function publicHalf(jwk: JWK): JWK {
  return { kty: jwk.kty, crv: jwk.crv, x: jwk.x, kid: jwk.kid, alg: JWT_ALGORITHM, use: 'sig' };
}

/** `20261122T153000Z`: sorts in time order, so the newest file sorts last. */
export function keyFileName(kid: string, now: Date): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  return `${stamp}-${kid}.json`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { dir: { type: 'string' } } });
  const jwk = await generateSigningJwk();
  if (values.dir) {
    mkdirSync(values.dir, { recursive: true, mode: 0o700 });
    const file = path.join(values.dir, keyFileName(jwk.kid!, new Date()));
    writeFileSync(file, `${JSON.stringify(jwk)}\n`, { mode: 0o600, flag: 'wx' });
    process.stderr.write(`wrote ${file}; it signs after the next restart\n`);
    process.stdout.write(`${JSON.stringify({ kid: jwk.kid, file, publicJwk: publicHalf(jwk) }, null, 2)}\n`);
    return;
  }
  const key = (await importJWK({ ...jwk, alg: JWT_ALGORITHM }, JWT_ALGORITHM, { extractable: true })) as CryptoKey;
  const privatePem = await exportPKCS8(key);
  process.stdout.write(`${JSON.stringify({ kid: jwk.kid, privateJwk: jwk, privatePem, publicJwk: publicHalf(jwk) }, null, 2)}\n`);
}

await main();
