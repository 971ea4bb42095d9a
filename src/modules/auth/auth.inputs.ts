/**
 * Argument validation for the auth mutations. Each function returns clean values or throws
 * BAD_USER_INPUT naming the field; length limits are checked before anything expensive.
 */
import { UserInputError } from '../../graphql/errors.js';
import { cleanEmail } from './email.js';
import { checkPassword, describeRejection, type PasswordPolicy } from './password-policy.js';

export const DISPLAY_NAME_MAX = 64;

export function parseEmail(raw: string, field = 'email'): string {
  const email = cleanEmail(raw);
  if (!email) throw new UserInputError(field, 'Enter a valid email address of at most 254 characters');
  return email;
}

export function parseNewPassword(password: string, email: string, policy: PasswordPolicy, field = 'password'): string {
  const rejection = checkPassword(password, email, policy);
  if (rejection) throw new UserInputError(field, describeRejection(rejection, policy));
  return password;
}

/** Trimmed display name, null when absent; 1..64 characters and no control characters. */
export function parseDisplayName(raw: string | null | undefined, field = 'displayName'): string | null {
  if (raw === null || raw === undefined) return null;
  const name = raw.normalize('NFC').trim();
  if (name.length === 0 || [...name].length > DISPLAY_NAME_MAX) {
    throw new UserInputError(field, `Display name must be 1 to ${DISPLAY_NAME_MAX} characters`);
  }
  if (/\p{Cc}/u.test(name)) throw new UserInputError(field, 'Display name must not contain control characters');
  return name;
}

export interface RegisterValues {
  email: string;
  password: string;
  displayName: string | null;
}

export function parseRegisterInput(
  input: { email: string; password: string; displayName?: string | null },
  policy: PasswordPolicy,
): RegisterValues {
  const email = parseEmail(input.email);
  const displayName = parseDisplayName(input.displayName);
  const password = parseNewPassword(input.password, email, policy);
  return { email, password, displayName };
}

/** Login input is only bounded, never policy-checked: old passwords must keep working. */
export function parseLoginInput(input: { email: string; password: string }, policy: PasswordPolicy) {
  const email = input.email.trim();
  const tooLong = email.length > 254 || [...input.password].length > policy.maxLength;
  return { email, password: input.password, tooLong };
}
