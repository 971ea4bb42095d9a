/**
 * Password reset and change. Guarantees: a reset request answers the same way, after the same
 * database work, whether or not the address has an account, and never locks anything; a reset
 * consumes its token in the transaction that sets the password and ends every session, signing
 * nobody in; a change needs the current password and ends every other session. Both mail a notice.
 */
import type { Viewer } from '../auth/viewer.js';
import { invalidToken } from '../../graphql/errors.js';
import { AUDIT_EVENTS, auditEvent } from '../audit/audit-events.js';
import { parseNewPassword } from '../auth/auth.inputs.js';
import { emailKey } from '../auth/email.js';
import type { RequestMeta } from '../request-meta.js';
import type { AccountDeps } from './account-deps.js';

export function createPasswordsService(deps: AccountDeps) {
  const { repos, tokens } = deps;

  async function requestPasswordReset(email: string, meta: RequestMeta): Promise<true> {
    await deps.guards.consumeMailLimits('password-reset', emailKey(email), meta);
    const user = await repos.users.findByEmail(emailKey(email));
    const token = await repos.transaction(async (tx) => {
      const issued = user ? await tokens.issue(tx, user.id, 'PASSWORD_RESET', meta.now) : await tokens.issueNothing(tx, meta.now);
      await tx.audit.record(auditEvent(AUDIT_EVENTS.PASSWORD_RESET_REQUESTED, meta, { targetUserId: user?.id ?? null }));
      return issued;
    });
    if (user && token) deps.mail.resetPassword(user, token);
    return true;
  }

  async function resetPassword(token: string, newPassword: string, meta: RequestMeta): Promise<true> {
    const found = await tokens.peek(repos, { token, purpose: 'PASSWORD_RESET', now: meta.now });
    const user = found ? await repos.users.findById(found.userId) : null;
    if (!user) throw invalidToken();
    parseNewPassword(newPassword, user.email, deps.passwordPolicy, 'newPassword');
    const passwordHash = await deps.hasher.hash(newPassword);
    const updated = await repos.transaction(async (tx) => {
      if (!(await tokens.consume(tx, { token, purpose: 'PASSWORD_RESET', now: meta.now, userId: user.id }))) return null;
      const row = await tx.account.setPasswordHash(user.id, passwordHash, meta.now);
      const revokedSessions = await tx.sessions.revokeAllForUser(user.id, 'PASSWORD_RESET', meta.now);
      await tx.audit.record(auditEvent(AUDIT_EVENTS.PASSWORD_RESET, meta, { actorId: user.id, targetUserId: user.id, metadata: { revokedSessions } }));
      return row;
    });
    if (!updated) throw invalidToken();
    // Proving control of the mailbox lifts a lockout that a password guesser may have caused.
    await deps.limiters.loginFailuresPerAccount.reset(emailKey(updated.email));
    deps.mail.passwordChanged(updated);
    return true;
  }

  /** `newPassword` is already policy-checked by the caller. */
  async function changePassword(viewer: Viewer, currentPassword: string, newPassword: string, meta: RequestMeta): Promise<true> {
    const { user, session } = viewer;
    await deps.guards.confirmPassword(user, currentPassword, meta, 'currentPassword');
    const passwordHash = await deps.hasher.hash(newPassword);
    const updated = await repos.transaction(async (tx) => {
      const row = await tx.account.setPasswordHash(user.id, passwordHash, meta.now);
      const revokedSessions = await tx.sessions.revokeAllForUser(user.id, 'PASSWORD_CHANGED', meta.now, session.id);
      await tx.oneTimeTokens.invalidate(user.id, ['PASSWORD_RESET'], meta.now);
      await tx.audit.record(auditEvent(AUDIT_EVENTS.PASSWORD_CHANGED, meta, { actorId: user.id, targetUserId: user.id, metadata: { revokedSessions } }));
      return row;
    });
    deps.mail.passwordChanged(updated ?? user);
    return true;
  }

  return { requestPasswordReset, resetPassword, changePassword };
}
