/**
 * Service-account credentials and scopes, as pure functions.
 *
 * Guarantees:
 * - A secret is `lk_sa_` + 256 bits from the OS CSPRNG (generateSecureToken). The prefix tells it
 *   apart from a JWT by format alone (a JWT has two dots; a secret has none), so one
 *   `Authorization: Bearer` header can carry either, and secret scanners can recognise leaks.
 * - Only a SHA-256 hash is stored. A slow password hash (argon2) exists to resist guessing of
 *   low-entropy human passwords; a 256-bit random secret cannot be guessed, so a fast hash loses
 *   nothing and lets every request look the secret up by an index probe instead of a per-request
 *   argon2 computation (which would also make raw-secret bearer requests a CPU DoS vector).
 * - Scopes are checked against a closed list: an unknown scope is refused at creation, never
 *   stored, so a typo cannot silently grant nothing (or, later, something).
 * - An account is usable only while not revoked (`revokedAt` unset or in the future of `now`).
 */
import { generateSecureToken, hashSecureToken } from '../../lib/secure-token.js';

export const SERVICE_SECRET_PREFIX = 'lk_sa_';
const SECRET_PATTERN = /^lk_sa_[A-Za-z0-9_-]{43}$/;
const CLIENT_ID_PREFIX = 'lk_client_';

/** Every scope a service account may hold, with what it grants. */
export const SERVICE_SCOPES = {
  'users:read': 'Read users by id: the `user` and `usersByIds` queries.',
} as const;

export type ServiceScope = keyof typeof SERVICE_SCOPES;

export interface ServiceCredentials {
  clientId: string;
  clientSecret: string;
  secretHash: string;
}

export function generateServiceCredentials(): ServiceCredentials {
  const clientSecret = `${SERVICE_SECRET_PREFIX}${generateSecureToken()}`;
  const clientId = `${CLIENT_ID_PREFIX}${generateSecureToken().slice(0, 22)}`;
  return { clientId, clientSecret, secretHash: hashServiceSecret(clientSecret) };
}

/** True when the value has the shape of a service secret (and so is not a JWT). */
export function isServiceSecret(value: string): boolean {
  return SECRET_PATTERN.test(value);
}

export function hashServiceSecret(secret: string): string {
  return hashSecureToken(secret);
}

export type ScopeCheck = { ok: true; scopes: ServiceScope[] } | { ok: false; message: string };

/** Validates and de-duplicates requested scopes (order kept). */
export function parseScopes(requested: readonly string[]): ScopeCheck {
  if (requested.length === 0) return { ok: false, message: 'At least one scope is required' };
  const unknown = requested.filter((scope) => !(scope in SERVICE_SCOPES));
  if (unknown.length > 0) {
    return { ok: false, message: `Unknown scope(s): ${unknown.join(', ')}. Known: ${Object.keys(SERVICE_SCOPES).join(', ')}` };
  }
  return { ok: true, scopes: [...new Set(requested as ServiceScope[])] };
}

export function isServiceAccountActive(account: { revokedAt: Date | null }, now: Date): boolean {
  return account.revokedAt === null || account.revokedAt.getTime() > now.getTime();
}

/** Scopes a token may carry: those it was issued with that the account still holds. */
export function effectiveScopes(tokenScopes: readonly string[], accountScopes: readonly string[]): string[] {
  const held = new Set(accountScopes);
  return tokenScopes.filter((scope) => held.has(scope));
}
