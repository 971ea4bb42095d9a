/**
 * What administrators do to accounts. Every change runs in one transaction that first locks the
 * active administrators and the target row, judges the change with `judgeAdminAction` (self-
 * protection, last admin), applies it and writes its audit event, so the change and its record
 * commit or roll back together and two concurrent demotions can never leave zero admins.
 */
import type { Repositories } from '../../db/repositories.js';
import type { UserRow } from '../../db/schema.js';
import { isUniqueViolation } from '../../db/errors.js';
import { adminActionRefused, emailTaken, notFound } from '../../graphql/errors.js';
import { AUDIT_EVENTS, auditEvent } from '../audit/audit-events.js';
import { emailKey } from '../auth/email.js';
import type { RequestMeta } from '../request-meta.js';
import type { UserPatch } from '../users/users.repository.js';
import { isActiveAdmin, judgeAdminAction, type AdminAction } from './admin-guard.js';

export interface AdminServiceDeps {
  repos: Repositories;
}

/** An administrator's request: who acts, from where, when. */
export interface AdminActor {
  actorId: string;
  meta: RequestMeta;
}

export interface AdminUserUpdate {
  displayName?: string | null;
  email?: string;
  emailVerified?: boolean;
}

type Work<T> = (tx: Repositories, target: UserRow) => Promise<T>;

export function createAdminService(deps: AdminServiceDeps) {
  const { repos } = deps;

  /** Locks, loads and judges, then runs `work` in the same transaction. */
  function act<T>(actor: AdminActor, targetId: string, action: AdminAction, removesAdmin: (target: UserRow) => boolean, work: Work<T>): Promise<T> {
    return repos.transaction(async (tx) => {
      const activeAdminIds = await tx.users.lockActiveAdmins();
      const target = await tx.users.findByIdForUpdate(targetId);
      if (!target) throw notFound('User');
      const removesActiveAdmin = isActiveAdmin(target) && removesAdmin(target);
      const verdict = judgeAdminAction({ action, actorId: actor.actorId, targetId: target.id, removesActiveAdmin, activeAdminIds });
      if (verdict !== 'OK') throw adminActionRefused(verdict === 'ACTOR_NOT_ADMIN' ? 'NOT_ADMIN' : verdict);
      return work(tx, target);
    });
  }

  const record = (tx: Repositories, type: Parameters<typeof auditEvent>[0], actor: AdminActor, target: UserRow, metadata?: Record<string, unknown>) =>
    tx.audit.record(auditEvent(type, actor.meta, { actorId: actor.actorId, targetUserId: target.id, metadata }));

  function setRole(actor: AdminActor, id: string, role: UserRow['role']): Promise<UserRow> {
    return act(actor, id, 'SET_ROLE', () => role !== 'ADMIN', async (tx, target) => {
      if (target.role === role) return target;
      const updated = await tx.users.update(target.id, { role }, actor.meta.now);
      await record(tx, AUDIT_EVENTS.USER_ROLE_CHANGED, actor, target, { from: target.role, to: role });
      return updated!;
    });
  }

  /** Suspends and ends every session in the same transaction: their tokens stop working at once. */
  function suspend(actor: AdminActor, id: string, reason: string | null): Promise<UserRow> {
    return act(actor, id, 'SUSPEND', () => true, async (tx, target) => {
      const revoked = await tx.sessions.revokeAllForUser(target.id, 'USER_SUSPENDED', actor.meta.now);
      if (target.status === 'SUSPENDED') return target;
      const updated = await tx.users.update(target.id, { status: 'SUSPENDED' }, actor.meta.now);
      await record(tx, AUDIT_EVENTS.USER_SUSPENDED, actor, target, { reason, sessionsRevoked: revoked });
      return updated!;
    });
  }

  function unsuspend(actor: AdminActor, id: string): Promise<UserRow> {
    return act(actor, id, 'UNSUSPEND', () => false, async (tx, target) => {
      if (target.status === 'ACTIVE') return target;
      const updated = await tx.users.update(target.id, { status: 'ACTIVE' }, actor.meta.now);
      await record(tx, AUDIT_EVENTS.USER_UNSUSPENDED, actor, target);
      return updated!;
    });
  }

  async function update(actor: AdminActor, id: string, changes: AdminUserUpdate): Promise<UserRow> {
    try {
      return await act(actor, id, 'UPDATE', () => false, async (tx, target) => {
        const patch = userPatch(target, changes);
        if (patch.email !== undefined) {
          const holder = await tx.users.findByEmail(emailKey(patch.email));
          if (holder && holder.id !== target.id) throw emailTaken();
        }
        const changed = Object.keys(patch);
        if (changed.length === 0) return target;
        const updated = await tx.users.update(target.id, patch, actor.meta.now);
        const emailChange = patch.email !== undefined ? { previousEmail: target.email, email: patch.email } : {};
        await record(tx, AUDIT_EVENTS.USER_UPDATED, actor, target, { changed, ...emailChange });
        return updated!;
      });
    } catch (error) {
      // A concurrent registration took the address between our check and our update.
      if (isUniqueViolation(error)) throw emailTaken();
      throw error;
    }
  }

  function remove(actor: AdminActor, id: string): Promise<boolean> {
    return act(actor, id, 'DELETE', () => true, async (tx, target) => {
      await tx.users.delete(target.id);
      await record(tx, AUDIT_EVENTS.USER_DELETED, actor, target, { email: target.email, role: target.role });
      return true;
    });
  }

  function revokeSessions(actor: AdminActor, id: string): Promise<number> {
    return act(actor, id, 'REVOKE_SESSIONS', () => false, async (tx, target) => {
      const count = await tx.sessions.revokeAllForUser(target.id, 'REVOKED_BY_ADMIN', actor.meta.now);
      if (count > 0) await record(tx, AUDIT_EVENTS.USER_SESSIONS_REVOKED, actor, target, { count });
      return count;
    });
  }

  return { setRole, suspend, unsuspend, update, remove, revokeSessions };
}

/** Only the fields that actually change; a new email is unverified unless stated otherwise. */
export function userPatch(current: UserRow, changes: AdminUserUpdate): UserPatch {
  const patch: UserPatch = {};
  if (changes.displayName !== undefined && changes.displayName !== current.displayName) patch.displayName = changes.displayName;
  if (changes.email !== undefined && changes.email !== current.email) {
    patch.email = changes.email;
    if (emailKey(changes.email) !== emailKey(current.email)) patch.emailVerified = false;
  }
  if (changes.emailVerified !== undefined) patch.emailVerified = changes.emailVerified;
  if (patch.emailVerified === current.emailVerified) delete patch.emailVerified;
  return patch;
}

export type AdminService = ReturnType<typeof createAdminService>;
