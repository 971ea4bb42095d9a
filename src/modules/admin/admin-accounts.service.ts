/**
 * Creating administrators outside the API: `npm run admin:create` and the BOOTSTRAP_ADMIN_*
 * variables. `ensureAdmin` is idempotent and race-safe: the insert skips an existing address
 * (ON CONFLICT), the promotion only matches a user who is not yet an active admin, and an audit
 * event is written only by the call that changed something. `bootstrapAdmin` acts only while the
 * service has no admin at all, under a transaction-scoped advisory lock, so several instances
 * starting together create at most one.
 */
import type { Repositories } from '../../db/repositories.js';
import type { UserRow } from '../../db/schema.js';
import { AUDIT_EVENTS, auditEvent } from '../audit/audit-events.js';
import { emailKey } from '../auth/email.js';
import type { PasswordHasher } from '../auth/password-hasher.js';
import type { RequestMeta } from '../request-meta.js';

export interface AdminAccountInput {
  /** A cleaned address (see parseEmail). */
  email: string;
  /** Policy-checked; needed only when the account does not exist yet. */
  password: string | null;
  /** Where the request came from, for the audit log: 'cli' or 'bootstrap'. */
  via: string;
}

export type EnsureAdminResult =
  | { action: 'created' | 'promoted' | 'unchanged'; user: UserRow }
  | { action: 'skipped'; reason: 'ADMIN_EXISTS' }
  | { action: 'failed'; reason: 'PASSWORD_REQUIRED' };

export function createAdminAccountsService(deps: { repos: Repositories; hasher: PasswordHasher }) {
  async function ensureIn(tx: Repositories, input: AdminAccountInput, passwordHash: string | null, meta: RequestMeta): Promise<EnsureAdminResult> {
    let user = await tx.users.findByEmail(emailKey(input.email));
    if (!user) {
      if (!passwordHash) return { action: 'failed', reason: 'PASSWORD_REQUIRED' };
      const created = await tx.users.insert({ email: input.email, passwordHash, displayName: null, now: meta.now, role: 'ADMIN', emailVerified: true });
      if (created) {
        await tx.audit.record(auditEvent(AUDIT_EVENTS.USER_CREATED_BY_ADMIN, meta, { targetUserId: created.id, metadata: { role: 'ADMIN', via: input.via } }));
        return { action: 'created', user: created };
      }
      user = (await tx.users.findByEmail(emailKey(input.email)))!;
    }
    const promoted = await tx.users.promoteToActiveAdmin(user.id, meta.now);
    if (!promoted) return { action: 'unchanged', user };
    const metadata = { from: user.role, to: 'ADMIN', previousStatus: user.status, via: input.via };
    await tx.audit.record(auditEvent(AUDIT_EVENTS.USER_ROLE_CHANGED, meta, { targetUserId: user.id, metadata }));
    return { action: 'promoted', user: promoted };
  }

  const hashOf = (password: string | null) => (password === null ? Promise.resolve(null) : deps.hasher.hash(password));

  /** Makes the address an active admin, creating the account when needed. */
  async function ensureAdmin(input: AdminAccountInput, meta: RequestMeta): Promise<EnsureAdminResult> {
    const passwordHash = await hashOf(input.password);
    return deps.repos.transaction((tx) => ensureIn(tx, input, passwordHash, meta));
  }

  /** Like ensureAdmin, but only while no admin exists: start-up bootstrap runs once per database. */
  async function bootstrapAdmin(input: AdminAccountInput, meta: RequestMeta): Promise<EnsureAdminResult> {
    if ((await deps.repos.users.countAdmins()) > 0) return { action: 'skipped', reason: 'ADMIN_EXISTS' };
    const passwordHash = await hashOf(input.password);
    return deps.repos.transaction(async (tx) => {
      await tx.users.lockBootstrap();
      if ((await tx.users.countAdmins()) > 0) return { action: 'skipped', reason: 'ADMIN_EXISTS' };
      return ensureIn(tx, input, passwordHash, meta);
    });
  }

  return { ensureAdmin, bootstrapAdmin };
}

export type AdminAccountsService = ReturnType<typeof createAdminAccountsService>;
