import { describe, expect, it } from 'vitest';
import { generateSecureToken, hashSecureToken, isWellFormedToken, secretsEqual } from '../../../src/lib/secure-token.js';
import { openSuccessor, sealSuccessor } from '../../../src/modules/sessions/refresh-token.js';

describe('secure tokens', () => {
  it('are 256-bit, well-formed, distinct and hashed deterministically', () => {
    const a = generateSecureToken();
    const b = generateSecureToken();
    expect(Buffer.from(a, 'base64url')).toHaveLength(32);
    expect(isWellFormedToken(a)).toBe(true);
    expect(a).not.toBe(b);
    expect(hashSecureToken(a)).toBe(hashSecureToken(a));
    expect(hashSecureToken(a)).not.toBe(a);
  });

  it('refuses malformed input', () => {
    for (const bad of ['', 'short', `${generateSecureToken()}x`, 'a'.repeat(42) + '!', 'x'.repeat(10_000)]) {
      expect(isWellFormedToken(bad)).toBe(false);
    }
  });

  it('compares secrets of any length', () => {
    expect(secretsEqual('abc', 'abc')).toBe(true);
    expect(secretsEqual('abc', 'abcd')).toBe(false);
  });
});

describe('sealed successors', () => {
  it('open only with the token they were sealed under', () => {
    const old = generateSecureToken();
    const successor = generateSecureToken();
    const sealed = sealSuccessor(old, successor);
    expect(sealed).not.toContain(successor);
    expect(openSuccessor(old, sealed)).toBe(successor);
    expect(openSuccessor(generateSecureToken(), sealed)).toBeNull();
  });

  it('reject tampering and garbage', () => {
    const old = generateSecureToken();
    const sealed = Buffer.from(sealSuccessor(old, generateSecureToken()), 'base64url');
    sealed[20] = sealed[20]! ^ 1;
    expect(openSuccessor(old, sealed.toString('base64url'))).toBeNull();
    expect(openSuccessor(old, 'AAAA')).toBeNull();
  });
});
