import { eq } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { isUuid } from '../../db/errors.js';
import { users, type UserRow } from '../../db/schema.js';

export function createAvatarsRepository(db: Database) {
  return {
    /**
     * Sets the user's avatar path and returns the one it replaces. Call inside a transaction: the
     * row lock makes concurrent uploads take turns, so each replaced file is known exactly once.
     */
    async replace(userId: string, avatarPath: string | null, now: Date): Promise<{ user: UserRow; previous: string | null } | null> {
      if (!isUuid(userId)) return null;
      const [current] = await db.select({ avatarUrl: users.avatarUrl }).from(users).where(eq(users.id, userId)).for('update');
      if (!current) return null;
      const [user] = await db.update(users).set({ avatarUrl: avatarPath, updatedAt: now }).where(eq(users.id, userId)).returning();
      return { user: user!, previous: current.avatarUrl };
    },
  };
}

export type AvatarsRepository = ReturnType<typeof createAvatarsRepository>;
