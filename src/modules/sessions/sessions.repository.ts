import { and, desc, eq, exists, getTableColumns, gt, inArray, isNotNull, isNull, lt, ne, or, sql, type SQL, type Table } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { isUuid } from '../../db/errors.js';
import { auditEvents, refreshTokens, sessions, users, type SessionRow, type UserRow } from '../../db/schema.js';
import type { AuditEventInput } from '../audit/audit.repository.js';

export interface RotationClaim {
  tokenHash: string;
  successorSealed: string;
  successorHash: string;
  sessionId: string;
  expiresAt: Date;
  now: Date;
}

/** Everything a successful login writes; the session id is chosen by the caller so the audit event can name it. */
export interface LoginStart {
  session: NewSession & { id: string };
  refreshTokenHash: string;
  audit: AuditEventInput;
}

/** Did this call claim the token; if so, the renewed session (null: inactive meanwhile) and its user. */
export type RotationOutcome = { won: false } | { won: true; session: SessionRow | null; user: UserRow | null };

export interface NewSession {
  userId: string;
  userAgent: string | null;
  ipAddress: string | null;
  createdAt: Date;
  lastUsedAt: Date;
  expiresAt: Date;
  absoluteExpiresAt: Date;
}

const activeAt = (now: Date | SQL) =>
  and(isNull(sessions.revokedAt), gt(sessions.expiresAt, now), gt(sessions.absoluteExpiresAt, now));

/**
 * The lookups on the hot path (every authenticated request; every refresh), built once: they
 * skip Drizzle's SQL generation per call, and postgres.js keeps them as server-side prepared
 * statements on each connection.
 */
function prepareLookups(db: Database) {
  return {
    sessionsWithUsers: db
      .select({ session: sessions, user: users })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(sql`${sessions.id} = any(${sql.placeholder('sessionIds')}::uuid[])`)
      .prepare('sessions_with_users'),
    byRefreshTokenHashes: db
      .select({ token: refreshTokens, session: sessions })
      .from(refreshTokens)
      .innerJoin(sessions, eq(sessions.id, refreshTokens.sessionId))
      .where(sql`${refreshTokens.tokenHash} = any(${sql.placeholder('tokenHashes')}::text[])`)
      .prepare('sessions_by_refresh_tokens'),
    rotation: prepareRotation(db),
    loginStart: prepareLoginStart(db),
  };
}

const at = (name: string) => sql`${sql.placeholder(name)}::timestamptz`;

/** The data-modifying CTEs of a rotation: claim the token; if claimed, insert the successor and renew the session. */
function rotationSteps(db: Database) {
  const claimed = db.$with('claimed').as(
    db
      .update(refreshTokens)
      .set({ rotatedAt: at('now'), successorSealed: sql`${sql.placeholder('successorSealed')}::text` })
      .where(and(eq(refreshTokens.tokenHash, sql.placeholder('tokenHash')), isNull(refreshTokens.rotatedAt)))
      .returning({ sessionId: refreshTokens.sessionId }),
  );
  const successorRow = {
    tokenHash: sql`${sql.placeholder('successorHash')}::text`.as('token_hash'),
    sessionId: claimed.sessionId,
    createdAt: at('now').as('created_at'),
    rotatedAt: sql`null::timestamptz`.as('rotated_at'),
    successorSealed: sql`null::text`.as('successor_sealed'),
  };
  const successor = db.$with('successor').as(
    db.insert(refreshTokens).select(db.select(successorRow).from(claimed)).returning({ tokenHash: refreshTokens.tokenHash }),
  );
  const touched = db.$with('touched').as(
    db
      .update(sessions)
      .set({ lastUsedAt: at('now'), expiresAt: at('expiresAt') })
      .where(and(eq(sessions.id, sql.placeholder('sessionId')), activeAt(at('now')), exists(db.select({ one: sql`1` }).from(claimed))))
      .returning(),
  );
  return { claimed, successor, touched };
}

/*
 * The rotation as one prepared statement: built once, and postgres.js keeps it as a server-side
 * prepared statement on each connection. Only used on the pool, never inside a transaction.
 */
function prepareRotation(db: Database) {
  const { claimed, successor, touched } = rotationSteps(db);
  return db
    .with(claimed, successor, touched)
    .select({ claimed: claimed.sessionId, session: columnsOf(touched, sessions), user: users })
    .from(claimed)
    .leftJoin(touched, sql`true`)
    .leftJoin(users, eq(users.id, touched.userId))
    .prepare('rotate_refresh_token');
}

/** A CTE's columns as a nested selection, one per column of the table it returns (drizzle selects a whole CTE only flat). */
function columnsOf<T extends Table, C extends { [K in keyof T['_']['columns']]: unknown }>(cte: C, table: T) {
  return Object.fromEntries(Object.keys(getTableColumns(table)).map((key) => [key, cte[key as keyof C]])) as { [K in keyof T['_']['columns']]: C[K] };
}

const text = (name: string) => sql`${sql.placeholder(name)}::text`;

/*
 * A login's four writes as one prepared statement (so atomic without BEGIN/COMMIT, and one round
 * trip instead of six): stamp the user's last login, insert the session and its first refresh
 * token, record the audit event. Foreign keys between sibling CTEs are checked at statement end.
 */
function prepareLoginStart(db: Database) {
  const stamped = db.$with('stamped').as(
    db.update(users).set({ lastLoginAt: at('now') }).where(eq(users.id, sql.placeholder('userId'))).returning(),
  );
  const started = db.$with('started').as(
    db
      .insert(sessions)
      .values({
        id: sql`${sql.placeholder('sessionId')}::uuid`,
        userId: sql`${sql.placeholder('userId')}::uuid`,
        userAgent: text('userAgent'),
        ipAddress: text('ipAddress'),
        createdAt: at('now'),
        lastUsedAt: at('now'),
        expiresAt: at('expiresAt'),
        absoluteExpiresAt: at('absoluteExpiresAt'),
      })
      .returning(),
  );
  const token = db.$with('first_token').as(
    db
      .insert(refreshTokens)
      .values({ tokenHash: text('tokenHash'), sessionId: sql`${sql.placeholder('sessionId')}::uuid`, createdAt: at('now') })
      .returning({ tokenHash: refreshTokens.tokenHash }),
  );
  const audited = db.$with('audited').as(
    db
      .insert(auditEvents)
      .values({
        type: text('auditType'),
        actorId: sql`${sql.placeholder('auditActorId')}::uuid`,
        targetUserId: sql`${sql.placeholder('auditTargetUserId')}::uuid`,
        ipAddress: text('auditIpAddress'),
        userAgent: text('auditUserAgent'),
        metadata: sql`${sql.placeholder('auditMetadata')}::text::jsonb`,
        createdAt: at('auditCreatedAt'),
      })
      .returning({ id: auditEvents.id }),
  );
  return db
    .with(stamped, started, token, audited)
    .select({ session: columnsOf(started, sessions), user: columnsOf(stamped, users) })
    .from(started)
    .leftJoin(stamped, sql`true`)
    .prepare('start_login_session');
}

export function createSessionsRepository(db: Database) {
  // Lazily: a repository bound to a transaction is made per transaction and rarely needs them.
  let lookups: ReturnType<typeof prepareLookups> | undefined;
  const prepared = () => (lookups ??= prepareLookups(db));
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
    async findManyWithUsers(sessionIds: readonly string[]): Promise<Array<{ session: SessionRow; user: UserRow }>> {
      const valid = sessionIds.filter(isUuid);
      if (valid.length === 0) return [];
      return prepared().sessionsWithUsers.execute({ sessionIds: valid });
    },

    /** The tokens with these hashes and their sessions, in no particular order; unknown hashes are absent. */
    async findManyByRefreshTokenHashes(tokenHashes: readonly string[]) {
      return prepared().byRefreshTokenHashes.execute({ tokenHashes });
    },

    async findByRefreshTokenHash(tokenHash: string) {
      const [row] = await prepared().byRefreshTokenHashes.execute({ tokenHashes: [tokenHash] });
      return row ?? null;
    },

    /**
     * One statement (so atomic without BEGIN/COMMIT): claims the token unless a concurrent request
     * already did, and only then inserts the successor and renews the session if still active,
     * returning the session and its user. No row: the claim was lost (the caller's slower path).
     */
    async rotate(claim: RotationClaim): Promise<RotationOutcome> {
      const [row] = await prepared().rotation.execute({
        tokenHash: claim.tokenHash,
        successorSealed: claim.successorSealed,
        successorHash: claim.successorHash,
        sessionId: claim.sessionId,
        expiresAt: claim.expiresAt.toISOString(),
        now: claim.now.toISOString(),
      });
      if (!row) return { won: false };
      return { won: true, session: row.session, user: row.user };
    },

    /** See prepareLoginStart. The user is null only if it was deleted since it was read. */
    async startForLogin(start: LoginStart): Promise<{ session: SessionRow; user: UserRow | null }> {
      const { session, audit } = start;
      const [row] = await prepared().loginStart.execute({
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
