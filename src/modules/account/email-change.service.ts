/**
 * Changing the sign-in address. Guarantees: the request needs the password and sends the
 * confirmation link only to the new address (with a notice to the current one); confirming
 * consumes the token and switches the address in one transaction, and the unique index on
 * lower(email) decides a race for the same address, the loser getting EMAIL_TAKEN. Pending
 * verification and reset tokens (sent to the old address) stop working.
 */
import type { UserProfile, UserRow } from '../../db/schema.js';
import { isUniqueViolation } from '../../db/errors.js';
import { emailTaken, invalidToken, UserInputError } from '../../graphql/errors.js';
import { AUDIT_EVENTS, auditEvent } from '../audit/audit-events.js';
import { emailKey } from '../auth/email.js';
import type { RequestMeta } from '../request-meta.js';
import type { AccountDeps } from './account-deps.js';

export function createEmailChangeService(deps: AccountDeps) {
  const { repos, tokens } = deps;

  async function requestEmailChange(user: UserProfile, newEmail: string, password: string, meta: RequestMeta): Promise<true> {
    await deps.guards.consumeMailLimits('email-change', user.id, meta);
    await deps.guards.confirmPassword(user, password, meta, 'password');
    if (emailKey(newEmail) === emailKey(user.email)) throw new UserInputError('newEmail', 'This already is your email address');
    if (await repos.users.findByEmail(emailKey(newEmail))) throw emailTaken('newEmail');
    const token = await repos.transaction(async (tx) => {
      const issued = await tokens.issue(tx, user.id, 'EMAIL_CHANGE', meta.now, { email: newEmail });
      await tx.audit.record(auditEvent(AUDIT_EVENTS.EMAIL_CHANGE_REQUESTED, meta, { actorId: user.id, targetUserId: user.id }));
      return issued;
    });
    deps.mail.emailChangeRequested(user, newEmail, token);
    return true;
  }

  async function confirmEmailChange(token: string, viewerId: string | null, meta: RequestMeta): Promise<UserRow> {
    try {
      const changed = await repos.transaction(async (tx) => {
        const row = await tokens.consume(tx, { token, purpose: 'EMAIL_CHANGE', now: meta.now, userId: viewerId ?? undefined });
        const newEmail = row?.payload?.email;
        if (!row || !newEmail) return null;
        const user = await tx.account.changeEmail(row.userId, newEmail, meta.now);
        await tx.oneTimeTokens.invalidate(row.userId, ['EMAIL_VERIFICATION', 'PASSWORD_RESET'], meta.now);
        await tx.audit.record(auditEvent(AUDIT_EVENTS.EMAIL_CHANGE_CONFIRMED, meta, { actorId: row.userId, targetUserId: row.userId }));
        return user;
      });
      if (!changed) throw invalidToken();
      return changed;
    } catch (error) {
      if (isUniqueViolation(error)) throw emailTaken('token');
      throw error;
    }
  }

  return { requestEmailChange, confirmEmailChange };
}
