/** Argument validation for the account mutations; each throws BAD_USER_INPUT naming the argument. */
import { UserInputError } from '../../graphql/errors.js';
import { parseDisplayName, parseEmail } from '../auth/auth.inputs.js';
import { passwordLength, type PasswordPolicy } from '../auth/password-policy.js';
import type { ProfileChanges } from './account.service.js';

/** Bounds a password that is only compared, never stored, before it reaches argon2. */
export function parsePresentedPassword(password: string, policy: PasswordPolicy, field: string): string {
  if (password.length === 0 || passwordLength(password) > policy.maxLength) throw new UserInputError(field, 'Enter your password');
  return password;
}

export function parseProfileInput(input: { displayName?: string | null }): ProfileChanges {
  if (input.displayName === undefined) return {};
  return { displayName: parseDisplayName(input.displayName) };
}

export function parseNewEmail(raw: string): string {
  return parseEmail(raw, 'newEmail');
}
