import { describe, expect, it } from 'vitest';
import { checkPassword, passwordLength } from '../../../src/modules/auth/password-policy.js';
import { cleanEmail, emailKey } from '../../../src/modules/auth/email.js';

const policy = { minLength: 12, maxLength: 128, minStrength: 3 };
const email = 'grace.hopper@example.com';

describe('password policy', () => {
  it.each([
    ['short', 'Tr0ub4dor&3', 'TOO_SHORT'],
    ['too long', 'correct horse battery staple '.repeat(5), 'TOO_LONG'],
    ['common', 'qwerty123456', 'COMMON'],
    ['common in any case', 'QWERTY123456', 'COMMON'],
    ['containing the email local part', 'my-grace.hopper-pass', 'CONTAINS_EMAIL'],
    ['guessable', 'aaaaaaaaaaaaaaaa', 'TOO_WEAK'],
  ])('refuses a %s password', (_label, password, expected) => {
    expect(checkPassword(password, email, policy)).toBe(expected);
  });

  it.each([['correct horse battery staple'], ['violet-harbor-quantum-47'], ['пароль-очень-надёжный-2026'], ['🦊🌲🔥🧭🎻🪐🌊🍄🛶🏔️🦉🎲']])(
    'accepts %s (any Unicode, no composition rules)',
    (password) => {
      expect(checkPassword(password, email, policy)).toBeNull();
    },
  );

  it('counts code points, so emoji are one character each', () => {
    expect(passwordLength('🦊🦊')).toBe(2);
    expect(checkPassword('🦊'.repeat(11), email, policy)).toBe('TOO_SHORT');
  });
});

describe('emails', () => {
  it('trims, keeps case for display and folds case for lookups', () => {
    expect(cleanEmail('  Ada@Example.COM ')).toBe('Ada@Example.COM');
    expect(emailKey(' Ada@Example.COM')).toBe('ada@example.com');
  });

  it.each([[''], ['plainaddress'], ['a@b'], [`${'x'.repeat(245)}@example.com`], ['two@@example.com']])('refuses %j', (input) => {
    expect(cleanEmail(input)).toBeNull();
  });
});
