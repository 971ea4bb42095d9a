/**
 * Everything a signed-in user does with their own account, composed from the focused services:
 * verification, passwords, email change, plus profile edits and deletion here. Deletion removes
 * the user with their sessions and tokens in one transaction (ON DELETE CASCADE); what remains
 * is audit records keyed by the user id, stripped of IP addresses and user agents.
 */
import type { UserProfile } from '../../db/schema.js';
import { AUDIT_EVENTS, auditEvent } from '../audit/audit-events.js';
import { emailKey } from '../auth/email.js';
import type { Viewer } from '../auth/viewer.js';
import type { RequestMeta } from '../request-meta.js';
import type { AccountDeps } from './account-deps.js';
import { createEmailChangeService } from './email-change.service.js';
import { createEmailVerificationService } from './email-verification.service.js';
import { createPasswordsService } from './passwords.service.js';

export interface ProfileChanges {
  /** Undefined: unchanged; null: removed. */
  displayName?: string | null;
}

export function createAccountService(deps: AccountDeps & { requireEmailVerification: boolean }) {
  const { repos } = deps;

  async function updateProfile(user: UserProfile, changes: ProfileChanges, meta: RequestMeta): Promise<UserProfile> {
    if (changes.displayName === undefined) return user;
    const displayName = changes.displayName;
    const updated = await repos.transaction(async (tx) => {
      const row = await tx.account.setDisplayName(user.id, displayName, meta.now);
      await tx.audit.record(auditEvent(AUDIT_EVENTS.PROFILE_UPDATED, meta, { actorId: user.id, targetUserId: user.id, metadata: { fields: ['displayName'] } }));
      return row;
    });
    return updated ?? user;
  }

  async function deleteAccount(viewer: Viewer, password: string, meta: RequestMeta): Promise<boolean> {
    const { user } = viewer;
    await deps.guards.confirmPassword(user, password, meta, 'password');
    const deleted = await repos.transaction(async (tx) => {
      if (!(await tx.account.deleteUser(user.id))) return false;
      await tx.audit.anonymizeUser(user.id);
      const event = auditEvent(AUDIT_EVENTS.ACCOUNT_DELETED, meta, { actorId: user.id, targetUserId: user.id });
      await tx.audit.record({ ...event, ipAddress: null, userAgent: null });
      return true;
    });
    if (!deleted) return false;
    await deps.limiters.loginFailuresPerAccount.reset(emailKey(user.email));
    await deps.avatars.discardFile(user.avatarUrl);
    return true;
  }

  return {
    requireEmailVerification: deps.requireEmailVerification,
    ...createEmailVerificationService(deps),
    ...createPasswordsService(deps),
    ...createEmailChangeService(deps),
    updateProfile,
    deleteAccount,
  };
}

export type AccountService = ReturnType<typeof createAccountService>;
