import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { withoutSuggestions } from '../../src/graphql/errors.js';
import { findNulField, findNulInDocument } from '../../src/graphql/input-guard.js';

describe('findNulField', () => {
  it('names the innermost key holding a NUL, anywhere in the variables', () => {
    expect(findNulField({ input: { email: 'a@b.co', displayName: 'x\u0000' } })).toBe('displayName');
    expect(findNulField({ ids: ['ok', 'b\u0000ad'] })).toBe('ids');
    expect(findNulField({ input: { nested: [{ deep: '\u0000' }] } })).toBe('deep');
    expect(findNulField({ 'we\u0000ird': 1 })).toBe('we\u0000ird');
  });

  it('is null for clean input of any shape', () => {
    expect(findNulField({ input: { email: 'a@b.co', n: 1, flag: true, none: null, list: ['x'] } })).toBeNull();
    expect(findNulField({})).toBeNull();
  });
});

describe('findNulInDocument', () => {
  it('names the argument or input field of an inline string with a NUL', () => {
    expect(findNulInDocument(parse('mutation { login(input: { email: "a\\u0000", password: "p" }) { accessToken } }'))).toBe('email');
    expect(findNulInDocument(parse('mutation { refresh(refreshToken: "\\u0000") { accessToken } }'))).toBe('refreshToken');
    expect(findNulInDocument(parse('query { me { id } }'))).toBeNull();
  });
});

describe('withoutSuggestions', () => {
  it.each([
    ['Cannot query field "mee" on type "Query". Did you mean "me"?', 'Cannot query field "mee" on type "Query".'],
    ['Field "emial" is not defined by type "LoginInput". Did you mean "email"?', 'Field "emial" is not defined by type "LoginInput".'],
    ['Value "ADMN" does not exist in "Role" enum. Did you mean the enum value "ADMIN"?', 'Value "ADMN" does not exist in "Role" enum.'],
    ['Unknown type "Usr". Did you mean "User" or "UserStatus"?', 'Unknown type "Usr".'],
  ])('strips the hint from %j', (message, expected) => {
    expect(withoutSuggestions({ message }).message).toBe(expected);
  });
});
