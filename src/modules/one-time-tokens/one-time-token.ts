/**
 * One-time token rules (email verification, password reset, email change). Guarantees: a token
 * is usable only for the purpose it was issued for, only until its purpose's TTL has passed and
 * only once; a later request of the same purpose supersedes it (it is marked consumed). The
 * repository's conditional UPDATE enforces the same rule atomically in SQL; these functions state
 * it once, take `now` and are pure.
 */
export const ONE_TIME_TOKEN_PURPOSES = ['EMAIL_VERIFICATION', 'PASSWORD_RESET', 'EMAIL_CHANGE'] as const;

export type OneTimeTokenPurpose = (typeof ONE_TIME_TOKEN_PURPOSES)[number];

export type TokenTtls = Record<OneTimeTokenPurpose, number>;

export interface TokenState {
  purpose: OneTimeTokenPurpose;
  expiresAt: Date;
  consumedAt: Date | null;
}

export function tokenExpiresAt(purpose: OneTimeTokenPurpose, now: Date, ttls: TokenTtls): Date {
  return new Date(now.getTime() + ttls[purpose] * 1000);
}

export function isTokenUsable(token: TokenState, purpose: OneTimeTokenPurpose, now: Date): boolean {
  return token.purpose === purpose && token.consumedAt === null && token.expiresAt.getTime() > now.getTime();
}
