import { importJWK, type CryptoKey, type JWK } from 'jose';
import { generateSigningJwk, loadSigningKeys, type SigningKeys } from '../../src/modules/auth/signing-keys.js';

/**
 * Signing keys as the server loads them, plus the private key as a jose CryptoKey, so a test can
 * sign hand-made (hostile or malformed) tokens with a key the server trusts.
 */
export async function signingKeysForTest(jwk?: JWK): Promise<{ keys: SigningKeys; privateKey: CryptoKey }> {
  const privateJwk = jwk ?? (await generateSigningJwk());
  const keys = await loadSigningKeys({ privateKey: JSON.stringify(privateJwk), keyId: undefined, additionalPublicKeys: undefined, developmentKeyDir: undefined });
  const privateKey = (await importJWK({ ...privateJwk, alg: 'EdDSA' }, 'EdDSA')) as CryptoKey;
  return { keys, privateKey };
}
