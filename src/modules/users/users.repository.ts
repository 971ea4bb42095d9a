import { and, asc, count, eq, inArray, ne, or, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { isUuid } from '../../db/errors.js';
import { users, type UserRow } from '../../db/schema.js';
import { lazyRecord } from '../../lib/lazy-record.js';

export interface NewUser {
  email: string;
  passwordHash: string;
  displayName: string | null;
  now: Date;
  role?: UserRow['role'];
  emailVerified?: boolean;
}

/** Columns an administrator may change; `updatedAt` is set by the repository. */
export type UserPatch = Partial<Pick<UserRow, 'email' | 'emailVerified' | 'displayName' | 'role' | 'status'>>;

/** A fully prepared row for bulk loading (`npm run seed`). */
export type SeedUserRow = typeof users.$inferInsert;

/** Arbitrary constant for pg_advisory_xact_lock; distinct from the migration lock. */
const BOOTSTRAP_LOCK_KEY = 7_264_531_909;

/** Reads on hot paths (every login by email; rotations and resolvers by id): built once rather than per call. */
function prepareLookups(db: Database) {
  return lazyRecord({
    byId: () => db.select().from(users).where(eq(users.id, sql.placeholder('id'))).prepare('find_user_by_id'),
    byEmail: () => db.select().from(users).where(sql`lower(${users.email}) = ${sql.placeholder('email')}`).prepare('find_user_by_email'),
  });
}

export function createUsersRepository(db: Database) {
  // Each built on first use, as in sessions.repository.ts.
  const lookups = prepareLookups(db);
  return {
    async findById(id: string): Promise<UserRow | null> {
      if (!isUuid(id)) return null;
      const [row] = await lookups.byId.execute({ id });
      return row ?? null;
    },

    /** Read only where a password is checked (the viewer's row leaves it out); null for an unknown id. */
    async passwordHashOf(id: string): Promise<string | null> {
      if (!isUuid(id)) return null;
      const [row] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, id));
      return row?.passwordHash ?? null;
    },

    async findByIds(ids: readonly string[]): Promise<UserRow[]> {
      const valid = ids.filter(isUuid);
      if (valid.length === 0) return [];
      return db.select().from(users).where(inArray(users.id, valid));
    },

    async findByEmail(email: string): Promise<UserRow | null> {
      const [row] = await lookups.byEmail.execute({ email: email.toLowerCase() });
      return row ?? null;
    },

    /**
     * Null when the email is already taken, including by a concurrent insert: ON CONFLICT keeps
     * the surrounding transaction usable where a caught unique violation would abort it.
     */
    async insert(user: NewUser): Promise<UserRow | null> {
      const [row] = await db
        .insert(users)
        .values({
          email: user.email,
          passwordHash: user.passwordHash,
          displayName: user.displayName,
          role: user.role ?? 'USER',
          emailVerified: user.emailVerified ?? false,
          createdAt: user.now,
          updatedAt: user.now,
        })
        .onConflictDoNothing()
        .returning();
      return row ?? null;
    },

    /**
     * Locks the active administrators' rows until the transaction ends and returns their ids.
     * FOR NO KEY UPDATE serialises concurrent admin changes (a waiting transaction re-reads the
     * rows after the other commits, so a just-demoted admin drops out) without blocking the
     * foreign-key checks of new sessions. Locks in id order, so two callers cannot deadlock.
     */
    async lockActiveAdmins(): Promise<string[]> {
      const rows = await db
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.role, 'ADMIN'), eq(users.status, 'ACTIVE')))
        .orderBy(asc(users.id))
        .for('no key update');
      return rows.map((row) => row.id);
    },

    async findByIdForUpdate(id: string): Promise<UserRow | null> {
      if (!isUuid(id)) return null;
      const [row] = await db.select().from(users).where(eq(users.id, id)).for('no key update');
      return row ?? null;
    },

    async countAdmins(): Promise<number> {
      const [row] = await db.select({ n: count() }).from(users).where(eq(users.role, 'ADMIN'));
      return row?.n ?? 0;
    },

    /** Serialises the start-up admin bootstrap of several instances (released at commit). */
    async lockBootstrap(): Promise<void> {
      await db.execute(sql`select pg_advisory_xact_lock(${BOOTSTRAP_LOCK_KEY})`);
    },

    async update(id: string, patch: UserPatch, now: Date): Promise<UserRow | null> {
      const [row] = await db.update(users).set({ ...patch, updatedAt: now }).where(eq(users.id, id)).returning();
      return row ?? null;
    },

    /** Makes the user an active ADMIN; null when they already were one (nothing changed). */
    async promoteToActiveAdmin(id: string, now: Date): Promise<UserRow | null> {
      const [row] = await db
        .update(users)
        .set({ role: 'ADMIN', status: 'ACTIVE', updatedAt: now })
        .where(and(eq(users.id, id), or(ne(users.role, 'ADMIN'), ne(users.status, 'ACTIVE'))))
        .returning();
      return row ?? null;
    },

    async delete(id: string): Promise<boolean> {
      const deleted = await db.delete(users).where(eq(users.id, id)).returning({ id: users.id });
      return deleted.length === 1;
    },

    /** Bulk load for `npm run seed`; rows whose email exists already are skipped. */
    async insertMany(rows: SeedUserRow[]): Promise<void> {
      if (rows.length > 0) await db.insert(users).values(rows).onConflictDoNothing();
    },
  };
}

export type UsersRepository = ReturnType<typeof createUsersRepository>;
