import { eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { isUuid } from '../../db/errors.js';
import { users, type UserRow } from '../../db/schema.js';

export interface NewUser {
  email: string;
  passwordHash: string;
  displayName: string | null;
  now: Date;
}

export function createUsersRepository(db: Database) {
  return {
    async findById(id: string): Promise<UserRow | null> {
      if (!isUuid(id)) return null;
      // Prepared for the same reason as the session rotation statements (sessions.repository.ts).
      const [row] = await db.select().from(users).where(eq(users.id, id)).prepare('find_user_by_id').execute();
      return row ?? null;
    },

    async findByIds(ids: readonly string[]): Promise<UserRow[]> {
      const valid = ids.filter(isUuid);
      if (valid.length === 0) return [];
      return db.select().from(users).where(inArray(users.id, valid));
    },

    async findByEmail(email: string): Promise<UserRow | null> {
      const [row] = await db
        .select()
        .from(users)
        .where(sql`lower(${users.email}) = ${email.toLowerCase()}`);
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
          createdAt: user.now,
          updatedAt: user.now,
        })
        .onConflictDoNothing()
        .returning();
      return row ?? null;
    },

    async recordLogin(id: string, now: Date): Promise<UserRow | null> {
      const [row] = await db.update(users).set({ lastLoginAt: now }).where(eq(users.id, id)).returning();
      return row ?? null;
    },
  };
}

export type UsersRepository = ReturnType<typeof createUsersRepository>;
