/**
 * The session check of every authenticated request, coalesced across concurrent requests.
 *
 * What it guarantees: each request's session and user are read from the database after that
 * request arrived. Lookups wait for the next turn of the event loop (`setImmediate`) and then go
 * out as one statement for every request that asked meanwhile, so a revocation or a suspension
 * committed before a request arrived is always seen, exactly as with one statement per request;
 * nothing is cached between batches. A session is returned only to a caller whose token names its
 * user. Under load this turns N statements, N socket writes and N result sets into one of each.
 */
import DataLoader from 'dataloader';
import type { SessionRow, UserRow } from '../../db/schema.js';

export interface SessionWithUser {
  session: SessionRow;
  user: UserRow;
}

interface LookupKey {
  sessionId: string;
  userId: string;
}

export type FindSessionsWithUsers = (sessionIds: readonly string[]) => Promise<SessionWithUser[]>;

/** Largest batch sent as one statement; more concurrent requests make several batches. */
export const SESSION_LOOKUP_BATCH_SIZE = 128;

export function createSessionLookup(findManyWithUsers: FindSessionsWithUsers) {
  const loader = new DataLoader<LookupKey, SessionWithUser | null>(
    async (keys) => {
      const rows = await findManyWithUsers([...new Set(keys.map((key) => key.sessionId))]);
      const bySessionId = new Map(rows.map((row) => [row.session.id, row]));
      return keys.map((key) => {
        const row = bySessionId.get(key.sessionId);
        return row && row.user.id === key.userId ? row : null;
      });
    },
    { cache: false, batchScheduleFn: (send) => setImmediate(send), maxBatchSize: SESSION_LOOKUP_BATCH_SIZE },
  );
  return (sessionId: string, userId: string): Promise<SessionWithUser | null> => loader.load({ sessionId, userId });
}
