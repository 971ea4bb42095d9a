/**
 * Email verification: a token is issued with the account (inside the sign-up transaction) and on
 * request; redeeming it marks the address verified in the same transaction that consumes it.
 */
import type { Repositories } from '../../db/repositories.js';
import type { UserProfile, UserRow } from '../../db/schema.js';
import { invalidToken } from '../../graphql/errors.js';
import { AUDIT_EVENTS, auditEvent } from '../audit/audit-events.js';
import type { RequestMeta } from '../request-meta.js';
import type { AccountDeps } from './account-deps.js';

export function createEmailVerificationService(deps: AccountDeps) {
  const { repos, tokens } = deps;

  /** For the sign-up transaction: issues the token and returns what to do once it committed. */
  async function issueOnSignUp(tx: Repositories, user: UserProfile, meta: RequestMeta): Promise<() => void> {
    const token = await tokens.issue(tx, user.id, 'EMAIL_VERIFICATION', meta.now);
    return () => deps.mail.verifyEmail(user, token);
  }

  /** False when the address is already verified (nothing is sent). */
  async function resendVerificationEmail(user: UserProfile, meta: RequestMeta): Promise<boolean> {
    await deps.guards.consumeMailLimits('resend-verification', user.id, meta);
    if (user.emailVerified) return false;
    const token = await repos.transaction((tx) => tokens.issue(tx, user.id, 'EMAIL_VERIFICATION', meta.now));
    deps.mail.verifyEmail(user, token);
    return true;
  }

  async function verifyEmail(token: string, viewerId: string | null, meta: RequestMeta): Promise<UserRow> {
    const verified = await repos.transaction(async (tx) => {
      const row = await tokens.consume(tx, { token, purpose: 'EMAIL_VERIFICATION', now: meta.now, userId: viewerId ?? undefined });
      if (!row) return null;
      const user = await tx.account.markEmailVerified(row.userId, meta.now);
      await tx.audit.record(auditEvent(AUDIT_EVENTS.EMAIL_VERIFIED, meta, { actorId: row.userId, targetUserId: row.userId }));
      return user;
    });
    if (!verified) throw invalidToken();
    return verified;
  }

  return { issueOnSignUp, resendVerificationEmail, verifyEmail };
}
