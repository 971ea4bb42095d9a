/**
 * Read models for administrators: the user directory (keyset pagination) and system figures.
 * Every page is one index range scan from the cursor position, never OFFSET, so page 5,000 costs
 * what page 1 costs. Each sort key has a matching (key, id) index (src/db/schema.ts); the search
 * uses ILIKE, backed by pg_trgm GIN indexes where the extension exists.
 */
import { and, count, eq, gte, ilike, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { auditEvents, sessions, users, type UserRow } from '../../db/schema.js';

export type UserSortField = 'CREATED_AT' | 'EMAIL' | 'LAST_LOGIN_AT';
export type SortDirection = 'ASC' | 'DESC';

export interface UserListFilter {
  search?: string;
  role?: UserRow['role'];
  status?: UserRow['status'];
  emailVerified?: boolean;
  createdAfter?: Date;
  createdBefore?: Date;
}

/** Where the previous page ended: the sort key as text (exactly as the database printed it) and the id. */
export interface UserPosition {
  key: string;
  id: string;
}

export interface UserListQuery {
  filter: UserListFilter;
  field: UserSortField;
  direction: SortDirection;
  after: UserPosition | null;
  limit: number;
}

/** The sort expressions match the index expressions exactly, so the planner can use them. */
const SORT_KEYS: Record<UserSortField, { expr: SQL; type: SQL }> = {
  CREATED_AT: { expr: sql`${users.createdAt}`, type: sql.raw('timestamptz') },
  EMAIL: { expr: sql`lower(${users.email})`, type: sql.raw('text') },
  LAST_LOGIN_AT: { expr: sql`coalesce(${users.lastLoginAt}, '-infinity'::timestamptz)`, type: sql.raw('timestamptz') },
};

/** `%`, `_` and the escape character itself match literally. */
export function likeContains(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function filterConditions(filter: UserListFilter): SQL | undefined {
  const pattern = filter.search ? likeContains(filter.search) : undefined;
  return and(
    pattern ? or(ilike(users.email, pattern), ilike(users.displayName, pattern)) : undefined,
    filter.role ? eq(users.role, filter.role) : undefined,
    filter.status ? eq(users.status, filter.status) : undefined,
    filter.emailVerified === undefined ? undefined : eq(users.emailVerified, filter.emailVerified),
    filter.createdAfter ? gte(users.createdAt, filter.createdAfter) : undefined,
    filter.createdBefore ? lt(users.createdAt, filter.createdBefore) : undefined,
  );
}

/** Raw SQL fragments get timestamps as typed text: drivers disagree on binding Date objects. */
const iso = (date: Date) => sql`cast(${date.toISOString()} as timestamptz)`;

export function createAdminRepository(db: Database) {
  return {
    /** Up to `limit` users after the position, with each row's sort key as text for the next cursor. */
    async listUsers(query: UserListQuery): Promise<Array<{ user: UserRow; key: string }>> {
      const { expr, type } = SORT_KEYS[query.field];
      const desc = query.direction === 'DESC';
      const keyset = query.after
        ? sql`(${expr}, ${users.id}) ${sql.raw(desc ? '<' : '>')} (cast(${query.after.key} as ${type}), cast(${query.after.id} as uuid))`
        : undefined;
      const order = sql.raw(desc ? 'desc' : 'asc');
      return db
        .select({ user: users, key: sql<string>`(${expr})::text` })
        .from(users)
        .where(and(filterConditions(query.filter), keyset))
        .orderBy(sql`${expr} ${order}`, sql`${users.id} ${order}`)
        .limit(query.limit);
    },

    async countUsers(filter: UserListFilter): Promise<number> {
      const [row] = await db.select({ n: count() }).from(users).where(filterConditions(filter));
      return row?.n ?? 0;
    },

    /** Every figure in one statement: one pass over users plus three indexed counts. */
    async stats(input: { now: Date; dayAgo: Date; weekAgo: Date; loginType: string; failedLoginType: string }) {
      const auditCount = (type: string) =>
        sql<number>`(select count(*) from ${auditEvents} where ${auditEvents.type} = ${type} and ${auditEvents.createdAt} >= ${iso(input.dayAgo)})::int`;
      const [row] = await db
        .select({
          totalUsers: sql<number>`count(*)::int`,
          verifiedUsers: sql<number>`(count(*) filter (where ${users.emailVerified}))::int`,
          suspendedUsers: sql<number>`(count(*) filter (where ${users.status} = 'SUSPENDED'))::int`,
          admins: sql<number>`(count(*) filter (where ${users.role} = 'ADMIN'))::int`,
          signupsLast24h: sql<number>`(count(*) filter (where ${users.createdAt} >= ${iso(input.dayAgo)}))::int`,
          signupsLast7d: sql<number>`(count(*) filter (where ${users.createdAt} >= ${iso(input.weekAgo)}))::int`,
          activeSessions: sql<number>`(select count(*) from ${sessions} where ${sessions.revokedAt} is null and ${sessions.expiresAt} > ${iso(input.now)} and ${sessions.absoluteExpiresAt} > ${iso(input.now)})::int`,
          loginsLast24h: auditCount(input.loginType),
          failedLoginsLast24h: auditCount(input.failedLoginType),
        })
        .from(users);
      return row!;
    },
  };
}

export type AdminRepository = ReturnType<typeof createAdminRepository>;
