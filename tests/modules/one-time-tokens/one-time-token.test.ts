import { describe, expect, it } from 'vitest';
import { isTokenUsable, tokenExpiresAt } from '../../../src/modules/one-time-tokens/one-time-token.js';

const ttls = { EMAIL_VERIFICATION: 86_400, PASSWORD_RESET: 1800, EMAIL_CHANGE: 3600 };
const now = new Date('2026-11-22T12:00:00.000Z');

describe('tokenExpiresAt', () => {
  it.each([
    ['EMAIL_VERIFICATION', '2026-11-23T12:00:00.000Z'],
    ['PASSWORD_RESET', '2026-11-22T12:30:00.000Z'],
    ['EMAIL_CHANGE', '2026-11-22T13:00:00.000Z'],
  ] as const)('gives %s its own lifetime', (purpose, expected) => {
    expect(tokenExpiresAt(purpose, now, ttls).toISOString()).toBe(expected);
  });
});

describe('isTokenUsable', () => {
  const token = { purpose: 'PASSWORD_RESET' as const, expiresAt: tokenExpiresAt('PASSWORD_RESET', now, ttls), consumedAt: null };
  const later = (seconds: number) => new Date(now.getTime() + seconds * 1000);

  it('accepts an unused token of the right purpose until just before it expires', () => {
    expect(isTokenUsable(token, 'PASSWORD_RESET', now)).toBe(true);
    expect(isTokenUsable(token, 'PASSWORD_RESET', later(1799))).toBe(true);
  });

  it('refuses it from the moment it expires', () => {
    expect(isTokenUsable(token, 'PASSWORD_RESET', later(1800))).toBe(false);
  });

  it('refuses it for another purpose', () => {
    expect(isTokenUsable(token, 'EMAIL_CHANGE', now)).toBe(false);
    expect(isTokenUsable(token, 'EMAIL_VERIFICATION', now)).toBe(false);
  });

  it('refuses it once consumed', () => {
    expect(isTokenUsable({ ...token, consumedAt: now }, 'PASSWORD_RESET', later(1))).toBe(false);
  });
});
