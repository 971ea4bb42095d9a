/**
 * Checks shared by the account operations. A wrong password here counts as a failed sign-in
 * against the same per-account limiter as `login`, so re-authentication prompts cannot be used to
 * guess passwords faster than the login form. Mail-sending requests are limited per account and
 * per IP, each operation in its own bucket; limits lift when their window ends.
 */
import type { Repositories } from '../../db/repositories.js';
import type { UserProfile } from '../../db/schema.js';
import { wrongPassword } from '../../graphql/errors.js';
import { AUDIT_EVENTS, auditEvent } from '../audit/audit-events.js';
import { emailKey } from '../auth/email.js';
import type { PasswordHasher } from '../auth/password-hasher.js';
import type { RateLimiters } from '../rate-limit/rate-limiters.js';
import type { RequestMeta } from '../request-meta.js';

export type MailOperation = 'password-reset' | 'resend-verification' | 'email-change';

export interface GuardDeps {
  repos: Repositories;
  hasher: PasswordHasher;
  limiters: RateLimiters;
}

export function createAccountGuards({ repos, hasher, limiters }: GuardDeps) {
  /**
   * Throws INVALID_CREDENTIALS (naming `field`) unless `password` is the user's password. The hash
   * is read here, fresh: a request's viewer never carries it.
   */
  async function confirmPassword(user: UserProfile, password: string, meta: RequestMeta, field: string): Promise<void> {
    const accountKey = emailKey(user.email);
    await limiters.loginFailuresPerAccount.assertOpen(accountKey);
    if (await hasher.verifyOrDummy(await repos.users.passwordHashOf(user.id), password)) return;
    await limiters.loginFailuresPerAccount.penalize(accountKey);
    const metadata = { reason: 'WRONG_PASSWORD', during: field };
    await repos.audit.record(auditEvent(AUDIT_EVENTS.LOGIN_FAILED, meta, { actorId: user.id, targetUserId: user.id, metadata }));
    throw wrongPassword(field);
  }

  /** Counts one mail-sending request; throws RATE_LIMITED when the IP or the account is over its limit. */
  async function consumeMailLimits(operation: MailOperation, accountKey: string, meta: RequestMeta): Promise<void> {
    await limiters.accountMailPerIp.consume(`${operation}:${meta.ipAddress ?? 'unknown'}`);
    await limiters.accountMailPerAccount.consume(`${operation}:${accountKey}`);
  }

  return { confirmPassword, consumeMailLimits };
}

export type AccountGuards = ReturnType<typeof createAccountGuards>;
