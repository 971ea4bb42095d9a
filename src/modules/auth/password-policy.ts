/**
 * Password policy (NIST SP 800-63B style). Guarantees: length is checked before anything
 * expensive runs (so a 1 MB "password" never reaches the strength estimator or argon2); no
 * composition rules; passwords found in the bundled common-password list (@zxcvbn-ts), passwords
 * containing the email's local part, and passwords zxcvbn scores below `minStrength` are refused.
 * Pure: the same input always gives the same verdict.
 */
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';

export interface PasswordPolicy {
  minLength: number;
  maxLength: number;
  /** zxcvbn score 0..4 a password must reach. */
  minStrength: number;
}

export type PasswordRejection =
  | 'TOO_SHORT'
  | 'TOO_LONG'
  | 'COMMON'
  | 'CONTAINS_EMAIL'
  | 'TOO_WEAK';

const MESSAGES: Record<PasswordRejection, (policy: PasswordPolicy) => string> = {
  TOO_SHORT: (p) => `Password must be at least ${p.minLength} characters`,
  TOO_LONG: (p) => `Password must be at most ${p.maxLength} characters`,
  COMMON: () => 'Password is too common; choose another',
  CONTAINS_EMAIL: () => 'Password must not contain your email address',
  TOO_WEAK: () => 'Password is too easy to guess; try a longer phrase',
};

const commonPasswords = new Set(dictionary['passwords-common']);
const strengthEstimator = new ZxcvbnFactory({ dictionary: { ...dictionary }, graphs: adjacencyGraphs });

/** Length in user-perceived characters (code points), so emoji count once. */
export function passwordLength(password: string): number {
  let count = 0;
  for (const _ of password) count += 1;
  return count;
}

export function checkPassword(password: string, email: string, policy: PasswordPolicy): PasswordRejection | null {
  const length = passwordLength(password);
  if (length < policy.minLength) return 'TOO_SHORT';
  if (length > policy.maxLength) return 'TOO_LONG';
  const folded = password.normalize('NFKC').toLowerCase();
  if (commonPasswords.has(folded)) return 'COMMON';
  const localPart = email.split('@')[0]?.normalize('NFKC').toLowerCase() ?? '';
  if (localPart.length >= 3 && folded.includes(localPart)) return 'CONTAINS_EMAIL';
  if (strengthEstimator.check(password, [localPart]).score < policy.minStrength) return 'TOO_WEAK';
  return null;
}

export function describeRejection(rejection: PasswordRejection, policy: PasswordPolicy): string {
  return MESSAGES[rejection](policy);
}
