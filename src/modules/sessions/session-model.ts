import type { SessionRow } from '../../db/schema.js';

/**
 * What a `Session` field resolves from. `isCurrent` is set where the request has no viewer yet
 * but the session is by definition its own (the session an AuthPayload just started or renewed).
 */
export type SessionModel = SessionRow & { isCurrent?: boolean };
