/**
 * The session check of every authenticated request, coalesced across concurrent requests (see
 * lib/coalesced-lookup.ts for what that guarantees). A session is returned only to a caller whose
 * token names its user.
 */
import { createCoalescedLookup } from '../../lib/coalesced-lookup.js';
import type { SessionRow, UserProfile } from '../../db/schema.js';

/** The session columns the check reads: enough to tell whether it is active (session-lifetime.ts). */
export type ViewerSession = Pick<SessionRow, 'id' | 'userId' | 'expiresAt' | 'absoluteExpiresAt' | 'revokedAt'>;

export interface SessionWithUser {
  session: ViewerSession;
  user: UserProfile;
}

export type FindSessionsWithUsers = (sessionIds: readonly string[]) => Promise<SessionWithUser[]>;

export function createSessionLookup(findManyWithUsers: FindSessionsWithUsers) {
  const lookup = createCoalescedLookup(findManyWithUsers, (row) => row.session.id);
  return async (sessionId: string, userId: string): Promise<SessionWithUser | null> => {
    const row = await lookup(sessionId);
    return row && row.user.id === userId ? row : null;
  };
}
