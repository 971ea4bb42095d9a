import { and, eq, gt, inArray, isNull } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { isUuid } from '../../db/errors.js';
import { oneTimeTokens, type OneTimeTokenRow } from '../../db/schema.js';
import type { OneTimeTokenPurpose } from './one-time-token.js';

export interface NewOneTimeToken {
  userId: string;
  purpose: OneTimeTokenPurpose;
  tokenHash: string;
  payload: Record<string, string> | null;
  createdAt: Date;
  expiresAt: Date;
}

export interface ConsumeCriteria {
  tokenHash: string;
  purpose: OneTimeTokenPurpose;
  now: Date;
  /** When set, a token of any other user does not match. */
  userId?: string;
}

export function createOneTimeTokensRepository(db: Database) {
  return {
    async insert(token: NewOneTimeToken): Promise<void> {
      await db.insert(oneTimeTokens).values(token);
    },

    /** Marks every unused token of these purposes consumed, so none of them works any more. */
    async invalidate(userId: string, purposes: OneTimeTokenPurpose[], now: Date): Promise<number> {
      if (!isUuid(userId)) return 0;
      const rows = await db
        .update(oneTimeTokens)
        .set({ consumedAt: now })
        .where(and(eq(oneTimeTokens.userId, userId), inArray(oneTimeTokens.purpose, purposes), isNull(oneTimeTokens.consumedAt)))
        .returning({ id: oneTimeTokens.id });
      return rows.length;
    },

    /** A live token without consuming it (to validate input before the transaction). */
    async findUsable(criteria: ConsumeCriteria): Promise<OneTimeTokenRow | null> {
      const [row] = await db.select().from(oneTimeTokens).where(usable(criteria));
      return row ?? null;
    },

    /**
     * Consumes the token if it is still unused, unexpired and of this purpose (and user). The
     * conditional UPDATE lets exactly one of two concurrent callers win.
     */
    async consume(criteria: ConsumeCriteria): Promise<OneTimeTokenRow | null> {
      const [row] = await db.update(oneTimeTokens).set({ consumedAt: criteria.now }).where(usable(criteria)).returning();
      return row ?? null;
    },
  };
}

function usable({ tokenHash, purpose, now, userId }: ConsumeCriteria) {
  return and(
    eq(oneTimeTokens.tokenHash, tokenHash),
    eq(oneTimeTokens.purpose, purpose),
    isNull(oneTimeTokens.consumedAt),
    gt(oneTimeTokens.expiresAt, now),
    userId === undefined ? undefined : eq(oneTimeTokens.userId, userId),
  );
}

export type OneTimeTokensRepository = ReturnType<typeof createOneTimeTokensRepository>;
