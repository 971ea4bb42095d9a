import { createCipheriv, hkdfSync, randomBytes } from 'node:crypto';
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
    const sealed = sealSuccessor(old, generateSecureToken());
    const raw = Buffer.from(sealed.slice('v2.'.length), 'base64url');
    raw[20] = raw[20]! ^ 1;
    expect(openSuccessor(old, `v2.${raw.toString('base64url')}`)).toBeNull();
    expect(openSuccessor(old, sealed.slice('v2.'.length))).toBeNull();
    expect(openSuccessor(old, 'AAAA')).toBeNull();
  });

  it('are sealed in the v2 format', () => {
    const sealed = sealSuccessor(generateSecureToken(), generateSecureToken());
    expect(sealed).toMatch(/^v2\.[A-Za-z0-9_-]+$/);
    expect(openSuccessor(generateSecureToken(), sealed)).toBeNull();
    expect(openSuccessor(generateSecureToken(), 'v2.AAAA')).toBeNull();
  });

  it('sealed in the v1 format before an upgrade still open, with the same token only', () => {
    const old = generateSecureToken();
    const successor = generateSecureToken();
    const v1 = sealV1(old, successor);
    expect(openSuccessor(old, v1)).toBe(successor);
    expect(openSuccessor(generateSecureToken(), v1)).toBeNull();
    expect(openSuccessor(old, `v2.${v1}`)).toBeNull();
  });
});

/** The v1 format as the code before the tenth pass sealed it: HKDF-SHA256 key, base64url without a prefix. */
function sealV1(presented: string, successor: string): string {
  const key = Buffer.from(hkdfSync('sha256', Buffer.from(presented, 'utf8'), Buffer.alloc(0), 'latchkey/refresh-successor/v1', 32));
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(successor, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url');
}
