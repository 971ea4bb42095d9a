/**
 * The sessions repository's prepared statements (used by sessions.repository.ts alone): the reads
 * on the hot path and the multi-step writes that run as one statement, so each is atomic without
 * BEGIN/COMMIT and costs one round trip.
 */
import { and, eq, getTableColumns, gt, isNull, sql, type SQL, type Table } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { auditEvents, refreshTokens, sessions, users } from '../../db/schema.js';
import { lazyRecord } from '../../lib/lazy-record.js';

export const activeAt = (now: Date | SQL) =>
  and(isNull(sessions.revokedAt), gt(sessions.expiresAt, now), gt(sessions.absoluteExpiresAt, now));

/**
 * The statements on the hot path (every authenticated request, refresh and login), each built
 * once, on first use: they skip Drizzle's SQL generation per call, and postgres.js keeps them as
 * server-side prepared statements on each connection.
 */
export function prepareStatements(db: Database) {
  return lazyRecord({
    sessionsWithUsers: () =>
      db
        .select(viewerColumns())
        .from(sessions)
        .innerJoin(users, eq(users.id, sessions.userId))
        .where(sql`${sessions.id} = any(${sql.placeholder('sessionIds')}::uuid[])`)
        .prepare('sessions_with_users'),
    byRefreshTokenHashes: () =>
      db
        .select(refreshLookupColumns())
        .from(refreshTokens)
        .innerJoin(sessions, eq(sessions.id, refreshTokens.sessionId))
        .where(sql`${refreshTokens.tokenHash} = any(${sql.placeholder('tokenHashes')}::text[])`)
        .prepare('sessions_by_refresh_tokens'),
    rotation: () => prepareRotation(db),
    loginStart: () => prepareLoginStart(db),
  });
}

/**
 * What the session check of every authenticated request reads (session-lookup.ts): the session's
 * id, owner and times, and its user without the password hash. A narrower row is cheaper to parse
 * and map on every request, and the hash never reaches a request's viewer.
 */
function viewerColumns() {
  return { session: checkedSessionColumns(), user: withoutPasswordHash(getTableColumns(users)) };
}

/** A session's id, owner and the times `isSessionActive` checks (session-lookup.ts ViewerSession). */
function checkedSessionColumns() {
  const { id, userId, expiresAt, absoluteExpiresAt, revokedAt } = getTableColumns(sessions);
  return { id, userId, expiresAt, absoluteExpiresAt, revokedAt };
}

/**
 * What a refresh reads about its token before claiming it: whether and when it was rotated, its
 * sealed successor (for a replay inside the grace window), and the session's checked columns.
 */
function refreshLookupColumns() {
  const { tokenHash, rotatedAt, successorSealed } = getTableColumns(refreshTokens);
  return { token: { tokenHash, rotatedAt, successorSealed }, session: checkedSessionColumns() };
}

/** A user's columns for a response or a viewer (schema.ts UserProfile): all but the password hash. */
function withoutPasswordHash<C extends { passwordHash: unknown }>(columns: C): Omit<C, 'passwordHash'> {
  const { passwordHash: _notRead, ...profile } = columns;
  return profile;
}

const at = (name: string) => sql`${sql.placeholder(name)}::timestamptz`;

/**
 * The claims of one batch as rows: parallel arrays, one element per claim, unnested into a table.
 * The caller passes each token hash once. Drizzle leaves these columns unqualified inside the
 * UPDATE … FROM below, so their names (`in_…`) must not clash with any table's. Times (and the
 * booleans) travel as text[]: drizzle's postgres.js driver passes typed array parameters through
 * unserialised.
 */
function rotationInput(db: Database) {
  const column = <T>(name: string) => sql<T>`${sql.identifier('i')}.${sql.identifier(name)}`.as(`in_${name}`);
  return db.$with('rotation_input').as(
    db
      .select({
        tokenHash: column<string>('token_hash'),
        successorSealed: column<string>('successor_sealed'),
        successorHash: column<string>('successor_hash'),
        expiresAt: column<string>('expires_at'),
        renew: column<boolean>('renew'),
        now: column<string>('now'),
      })
      .from(
        sql`unnest(${sql.placeholder('tokenHashes')}::text[], ${sql.placeholder('successorSealeds')}::text[],
          ${sql.placeholder('successorHashes')}::text[], ${sql.placeholder('expiresAts')}::text[]::timestamptz[],
          ${sql.placeholder('renews')}::text[]::boolean[], ${sql.placeholder('nows')}::text[]::timestamptz[])
          as i(token_hash, successor_sealed, successor_hash, expires_at, renew, now)`,
      ),
  );
}

/**
 * The CTEs of a batch of rotations: claim each token; for each claimed one, insert its successor,
 * and renew its session where the claim says so (session-lifetime.ts isRenewalDue), else read it.
 * Either way only an active session comes back. Reading instead of renewing writes nothing to
 * `sessions`: a renewal changes the indexed expires_at, so it is a new entry in every index.
 */
function rotationSteps(db: Database) {
  const input = rotationInput(db);
  const claimed = db.$with('claimed').as(
    db
      .update(refreshTokens)
      .set({ rotatedAt: sql`${input.now}`, successorSealed: sql`${input.successorSealed}` })
      .from(input)
      // By the primary key alone: a session keeps every token it rotated (a replay must be
      // recognised), and a condition on session_id can draw the planner to that index and its whole chain.
      .where(and(eq(refreshTokens.tokenHash, input.tokenHash), isNull(refreshTokens.rotatedAt)))
      .returning({
        tokenHash: refreshTokens.tokenHash,
        sessionId: refreshTokens.sessionId,
        successorHash: input.successorHash,
        expiresAt: input.expiresAt,
        renew: input.renew,
        now: input.now,
      }),
  );
  const successorRow = {
    tokenHash: sql`${claimed.successorHash}`.as('token_hash'),
    sessionId: claimed.sessionId,
    createdAt: sql`${claimed.now}`.as('created_at'),
    rotatedAt: sql`null::timestamptz`.as('rotated_at'),
    successorSealed: sql`null::text`.as('successor_sealed'),
  };
  const successor = db.$with('successor').as(
    db.insert(refreshTokens).select(db.select(successorRow).from(claimed)).returning({ tokenHash: refreshTokens.tokenHash }),
  );
  const touched = db.$with('touched').as(
    db
      .update(sessions)
      .set({ lastUsedAt: sql`${claimed.now}`, expiresAt: sql`${claimed.expiresAt}` })
      .from(claimed)
      .where(and(eq(sessions.id, claimed.sessionId), sql`${claimed.renew}`, activeAt(sql`${claimed.now}`)))
      .returning(getTableColumns(sessions)),
  );
  const read = db
    .select(getTableColumns(sessions))
    .from(sessions)
    .innerJoin(claimed, eq(sessions.id, claimed.sessionId))
    .where(and(sql`not ${claimed.renew}`, activeAt(sql`${claimed.now}`)));
  const current = db.$with('current_session').as(db.select().from(touched).unionAll(read));
  return { input, claimed, successor, touched, current };
}

/*
 * A batch of rotations as one prepared statement: built once, and postgres.js keeps it as a
 * server-side prepared statement on each connection. One row per claimed token; a token not
 * claimed (a concurrent request had) has none. Only used on the pool, never inside a transaction.
 */
function prepareRotation(db: Database) {
  const { input, claimed, successor, touched, current } = rotationSteps(db);
  return db
    .with(input, claimed, successor, touched, current)
    .select({ claimed: claimed.tokenHash, session: columnsOf(current, sessions), user: withoutPasswordHash(getTableColumns(users)) })
    .from(claimed)
    .leftJoin(current, eq(current.id, claimed.sessionId))
    .leftJoin(users, eq(users.id, current.userId))
    .prepare('rotate_refresh_tokens');
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
    .select({ session: columnsOf(started, sessions), user: withoutPasswordHash(columnsOf(stamped, users)) })
    .from(started)
    .leftJoin(stamped, sql`true`)
    .prepare('start_login_session');
}
