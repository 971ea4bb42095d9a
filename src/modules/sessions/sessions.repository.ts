import { and, desc, eq, inArray, isNotNull, lt, ne, or, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { isUuid } from '../../db/errors.js';
import { refreshTokens, sessions, type SessionRow, type UserProfile } from '../../db/schema.js';
import type { SessionWithUser } from './session-lookup.js';
import type { AuditEventInput } from '../audit/audit.repository.js';
import { activeAt, prepareStatements } from './sessions.statements.js';

export interface RotationClaim {
  tokenHash: string;
  successorSealed: string;
  successorHash: string;
  expiresAt: Date;
  /** Write the renewal (last use, expiresAt); otherwise the session is only checked (isRenewalDue). */
  renew: boolean;
  now: Date;
}

/** Everything a successful login writes; the session id is chosen by the caller so the audit event can name it. */
export interface LoginStart {
  session: NewSession & { id: string };
  refreshTokenHash: string;
  audit: AuditEventInput;
}

/** Did this call claim the token; if so, the session (renewed if due; null: inactive meanwhile) and its user. */
export type RotationOutcome = { won: false } | { won: true; session: SessionRow | null; user: UserProfile | null };

export interface NewSession {
  userId: string;
  userAgent: string | null;
  ipAddress: string | null;
  createdAt: Date;
  lastUsedAt: Date;
  expiresAt: Date;
  absoluteExpiresAt: Date;
}

export function createSessionsRepository(db: Database) {
  // Each built on first use (lib/lazy-record.ts): a repository bound to a transaction is made per
  // transaction and needs one of them at most.
  const statements = prepareStatements(db);
  return {
    async insert(session: NewSession, refreshTokenHash: string): Promise<SessionRow> {
      const [row] = await db.insert(sessions).values(session).returning();
      await db.insert(refreshTokens).values({ tokenHash: refreshTokenHash, sessionId: row!.id, createdAt: session.createdAt });
      return row!;
    },

    /**
     * Sessions with their users in one round trip, in no particular order; ids that are not UUIDs
     * or have no session are simply absent. What authenticated requests need, batched.
     */
    async findManyWithUsers(sessionIds: readonly string[]): Promise<SessionWithUser[]> {
      const valid = sessionIds.filter(isUuid);
      if (valid.length === 0) return [];
      return statements.sessionsWithUsers.execute({ sessionIds: valid });
    },

    /**
     * The tokens with these hashes and their sessions, in no particular order; unknown hashes are
     * absent. Only the columns a rotation checks (sessions.statements.ts refreshLookupColumns).
     */
    async findManyByRefreshTokenHashes(tokenHashes: readonly string[]) {
      return statements.byRefreshTokenHashes.execute({ tokenHashes });
    },

    async findByRefreshTokenHash(tokenHash: string) {
      const [row] = await statements.byRefreshTokenHashes.execute({ tokenHashes: [tokenHash] });
      return row ?? null;
    },

    /**
     * A batch of rotations in one statement (see sessions.statements.ts), one outcome per claim in
     * order. Each token is claimed unless a concurrent request already did; only then is its
     * successor inserted and its session, if still active, renewed (when the claim says so) or
     * read. A token that appears twice in the batch is claimed by its first claim only: the others
     * lose, as they would one by one.
     * Claims go out sorted by token hash: the statement walks them in that order, so concurrent
     * batches that share tokens (tabs of the same sessions) lock those rows in the same order
     * rather than deadlocking.
     */
    async rotateMany(claims: readonly RotationClaim[]): Promise<RotationOutcome[]> {
      const firstClaims = new Map<string, RotationClaim>();
      for (const claim of claims) if (!firstClaims.has(claim.tokenHash)) firstClaims.set(claim.tokenHash, claim);
      const distinct = [...firstClaims.values()].sort((a, b) => (a.tokenHash < b.tokenHash ? -1 : 1));
      const rows = await statements.rotation.execute({
        tokenHashes: distinct.map((claim) => claim.tokenHash),
        successorSealeds: distinct.map((claim) => claim.successorSealed),
        successorHashes: distinct.map((claim) => claim.successorHash),
        expiresAts: distinct.map((claim) => claim.expiresAt.toISOString()),
        renews: distinct.map((claim) => String(claim.renew)),
        nows: distinct.map((claim) => claim.now.toISOString()),
      });
      const won = new Map(rows.map((row) => [row.claimed, row]));
      return claims.map((claim) => {
        const row = firstClaims.get(claim.tokenHash) === claim ? won.get(claim.tokenHash) : undefined;
        return row ? { won: true, session: row.session, user: row.user } : { won: false };
      });
    },

    /** See prepareLoginStart. The user is null only if it was deleted since it was read. */
    async startForLogin(start: LoginStart): Promise<{ session: SessionRow; user: UserProfile | null }> {
      const { session, audit } = start;
      const [row] = await statements.loginStart.execute({
        userId: session.userId,
        sessionId: session.id,
        userAgent: session.userAgent,
        ipAddress: session.ipAddress,
        now: session.createdAt.toISOString(),
        expiresAt: session.expiresAt.toISOString(),
        absoluteExpiresAt: session.absoluteExpiresAt.toISOString(),
        tokenHash: start.refreshTokenHash,
        auditType: audit.type,
        auditActorId: audit.actorId ?? null,
        auditTargetUserId: audit.targetUserId ?? null,
        auditIpAddress: audit.ipAddress ?? null,
        auditUserAgent: audit.userAgent ?? null,
        auditMetadata: audit.metadata ? JSON.stringify(audit.metadata) : null,
        auditCreatedAt: audit.createdAt.toISOString(),
      });
      return { session: row!.session, user: row!.user };
    },

    /** Renews an active session; null when it was revoked or expired meanwhile. */
    async touch(sessionId: string, expiresAt: Date, now: Date): Promise<SessionRow | null> {
      const [row] = await db
        .update(sessions)
        .set({ lastUsedAt: now, expiresAt })
        .where(and(eq(sessions.id, sessionId), activeAt(now)))
        .returning()
        .prepare('touch_session')
        .execute();
      return row ?? null;
    },

    async listActiveByUserIds(userIds: readonly string[], now: Date): Promise<SessionRow[]> {
      const valid = userIds.filter(isUuid);
      if (valid.length === 0) return [];
      return db
        .select()
        .from(sessions)
        .where(and(inArray(sessions.userId, valid), activeAt(now)))
        .orderBy(desc(sessions.lastUsedAt), desc(sessions.id));
    },

    /** Revokes one active session of a user; null when there was none to revoke. */
    async revoke(sessionId: string, userId: string, reason: string, now: Date): Promise<SessionRow | null> {
      if (!isUuid(sessionId)) return null;
      const [row] = await db
        .update(sessions)
        .set({ revokedAt: now, revokedReason: reason })
        .where(and(eq(sessions.id, sessionId), eq(sessions.userId, userId), activeAt(now)))
        .returning();
      return row ?? null;
    },

    /** Revokes every active session of a user, except `keepSessionId` when given; returns the count. */
    async revokeAllForUser(userId: string, reason: string, now: Date, keepSessionId?: string): Promise<number> {
      const rows = await db
        .update(sessions)
        .set({ revokedAt: now, revokedReason: reason })
        .where(and(eq(sessions.userId, userId), activeAt(now), keepSessionId ? ne(sessions.id, keepSessionId) : undefined))
        .returning({ id: sessions.id });
      return rows.length;
    },

    /** Deletes up to `limit` sessions that ended before `cutoff`; live sessions never match. */
    async deleteEndedBefore(cutoff: Date, limit: number): Promise<number> {
      const ended = or(
        and(isNotNull(sessions.revokedAt), lt(sessions.revokedAt, cutoff)),
        lt(sessions.expiresAt, cutoff),
        lt(sessions.absoluteExpiresAt, cutoff),
      );
      const batch = db.select({ id: sessions.id }).from(sessions).where(ended).limit(limit);
      const deleted = await db
        .delete(sessions)
        .where(inArray(sessions.id, sql`(${batch})`))
        .returning({ id: sessions.id });
      return deleted.length;
    },
  };
}

export type SessionsRepository = ReturnType<typeof createSessionsRepository>;
