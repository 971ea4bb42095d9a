/**
 * Email addresses are trimmed, validated and at most 254 characters; comparisons use the
 * lower-cased form (the database has a unique index on lower(email)). Pure.
 */
import { z } from 'zod';

export const MAX_EMAIL_LENGTH = 254;
const emailShape = z.email();

/** The address as stored: trimmed, Unicode-normalised, case preserved. Null when invalid. */
export function cleanEmail(input: string): string | null {
  const trimmed = input.trim().normalize('NFC');
  if (trimmed.length === 0 || trimmed.length > MAX_EMAIL_LENGTH) return null;
  return emailShape.safeParse(trimmed).success ? trimmed : null;
}

/** The form used for lookups and uniqueness. */
export function emailKey(email: string): string {
  return email.trim().normalize('NFC').toLowerCase();
}
