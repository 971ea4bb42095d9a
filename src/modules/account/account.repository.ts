/** Changes a user makes to their own account row. Every write bumps updated_at. */
import { eq } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { isUuid } from '../../db/errors.js';
import { users, type UserRow } from '../../db/schema.js';

export function createAccountRepository(db: Database) {
  const update = async (id: string, values: Partial<typeof users.$inferInsert>): Promise<UserRow | null> => {
    if (!isUuid(id)) return null;
    const [row] = await db.update(users).set(values).where(eq(users.id, id)).returning();
    return row ?? null;
  };

  return {
    markEmailVerified: (id: string, now: Date) => update(id, { emailVerified: true, updatedAt: now }),

    setPasswordHash: (id: string, passwordHash: string, now: Date) => update(id, { passwordHash, updatedAt: now }),

    setDisplayName: (id: string, displayName: string | null, now: Date) => update(id, { displayName, updatedAt: now }),

    /** Throws a unique violation (23505) when another account took the address meanwhile. */
    changeEmail: (id: string, email: string, now: Date) => update(id, { email, emailVerified: true, updatedAt: now }),

    /** Deletes the user; sessions, refresh tokens and one-time tokens go with it (ON DELETE CASCADE). */
    async deleteUser(id: string): Promise<boolean> {
      if (!isUuid(id)) return false;
      const rows = await db.delete(users).where(eq(users.id, id)).returning({ id: users.id });
      return rows.length === 1;
    },
  };
}

export type AccountRepository = ReturnType<typeof createAccountRepository>;
