/**
 * Opaque bearer secrets (refresh, one-time and service tokens). Guarantees: 256 bits from the OS
 * CSPRNG (drawn through secure-random.ts); only a SHA-256 hash is ever stored (a database leak
 * yields nothing usable, and lookup by hash is an index probe rather than a timing-sensitive
 * comparison); malformed input is refused before hashing. Pure apart from the randomness.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { secureRandomBytes } from './secure-random.js';

const TOKEN_BYTES = 32;
/** base64url of 32 bytes is exactly 43 characters. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function generateSecureToken(): string {
  return secureRandomBytes(TOKEN_BYTES).toString('base64url');
}

export function isWellFormedToken(value: string): boolean {
  return TOKEN_PATTERN.test(value);
}

export function hashSecureToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('base64url');
}

/** Constant-time string comparison for secrets of possibly different lengths. */
export function secretsEqual(a: string, b: string): boolean {
  const left = createHash('sha256').update(a).digest();
  const right = createHash('sha256').update(b).digest();
  return timingSafeEqual(left, right);
}
