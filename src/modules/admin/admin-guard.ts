/**
 * Which administrative changes are allowed. Guarantees, given that the caller passes the ids of
 * the active administrators it has LOCKED inside the transaction that makes the change (so the
 * answer stays true until commit, whatever runs concurrently):
 * - an administrator never changes their own role, suspends or deletes themself;
 * - a change that takes a user out of the active administrators (demotion, suspension, deletion)
 *   is refused when no other active administrator would remain;
 * - the acting user must still be an active administrator at that moment (a concurrent demotion
 *   of the actor wins over the actor's own pending change).
 * Pure.
 */
export type AdminAction = 'SET_ROLE' | 'SUSPEND' | 'UNSUSPEND' | 'UPDATE' | 'DELETE' | 'REVOKE_SESSIONS';

export type AdminVerdict = 'OK' | 'SELF' | 'LAST_ADMIN' | 'ACTOR_NOT_ADMIN';

const SELF_FORBIDDEN: ReadonlySet<AdminAction> = new Set(['SET_ROLE', 'SUSPEND', 'DELETE']);

export interface AdminActionCheck {
  action: AdminAction;
  actorId: string;
  targetId: string;
  /** True when the change removes the target from the active administrators. */
  removesActiveAdmin: boolean;
  /** Ids of the active administrators, locked by the caller's transaction. */
  activeAdminIds: readonly string[];
}

export function judgeAdminAction(check: AdminActionCheck): AdminVerdict {
  if (check.actorId === check.targetId && SELF_FORBIDDEN.has(check.action)) return 'SELF';
  const admins = new Set(check.activeAdminIds);
  if (check.removesActiveAdmin && admins.has(check.targetId) && admins.size <= 1) return 'LAST_ADMIN';
  if (!admins.has(check.actorId)) return 'ACTOR_NOT_ADMIN';
  return 'OK';
}

/** Whether a user in this state counts as an active administrator. */
export function isActiveAdmin(user: { role: string; status: string }): boolean {
  return user.role === 'ADMIN' && user.status === 'ACTIVE';
}
