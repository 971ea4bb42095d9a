import type { Viewer } from '../modules/auth/viewer.js';
import type { GraphQLContext } from './context.js';
import { UnauthenticatedError } from './errors.js';

/**
 * The viewer of an operation that shield already guards with `isAuthenticated`. Throwing here
 * would mean the permission map and the resolver disagree; it is a second lock, not the first.
 */
export function requireViewer(ctx: GraphQLContext): Viewer {
  if (!ctx.viewer) throw new UnauthenticatedError();
  return ctx.viewer;
}
