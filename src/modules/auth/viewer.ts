import type { UserProfile } from '../../db/schema.js';
import type { ViewerSession } from '../sessions/session-lookup.js';
import type { ServicePrincipal } from '../service-accounts/service-accounts.service.js';

/**
 * A signed-in user acting through one of their sessions, as the session check read them: the user
 * without the password hash (operations that check a password read it themselves).
 */
export interface Viewer {
  user: UserProfile;
  session: ViewerSession;
}

/**
 * What the request's credentials amount to. `invalid` keeps the reason so that an operation that
 * needs a viewer can answer UNAUTHENTICATED with `reason: TOKEN_EXPIRED` where it applies.
 */
export type AuthState =
  | { status: 'anonymous' }
  | { status: 'invalid'; reason: 'TOKEN_EXPIRED' | 'TOKEN_INVALID' | 'SESSION_ENDED' }
  | { status: 'authenticated'; viewer: Viewer }
  /** Another backend service, through a service token or its raw secret; never a viewer. */
  | { status: 'service'; service: ServicePrincipal };
