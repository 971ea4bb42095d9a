/**
 * graphql-shield rules: the only place authorization is decided. Rules return `true` or an
 * AppError (so the client sees UNAUTHENTICATED / FORBIDDEN with their extensions). Rules that
 * read only the context may cache per request; rules reading parent or args never do.
 */
import { and, rule } from 'graphql-shield';
import type { UserRow } from '../db/schema.js';
import type { GraphQLContext } from './context.js';
import type { AuthState } from '../modules/auth/viewer.js';
import { emailNotVerified, ForbiddenError, UnauthenticatedError, type AppError } from './errors.js';

/**
 * Why a request that is not a signed-in user is refused: a service account is known but not a
 * person (FORBIDDEN); anything else has no valid credentials (UNAUTHENTICATED).
 */
function notAUser(auth: AuthState): AppError {
  if (auth.status === 'service') return new ForbiddenError('Not available to service accounts');
  return new UnauthenticatedError(auth.status === 'invalid' ? auth.reason : undefined);
}

/** A valid access token for a live session. */
export const isAuthenticated = rule({ cache: 'contextual' })((_parent, _args, ctx: GraphQLContext) => {
  if (ctx.auth.status === 'authenticated') return true;
  return notAUser(ctx.auth);
});

/** No token at all, or a valid one: a sent-but-invalid token is still an error. */
export const isAnonymousOrAuthenticated = rule({ cache: 'contextual' })((_parent, _args, ctx: GraphQLContext) => {
  if (ctx.auth.status === 'invalid') return new UnauthenticatedError(ctx.auth.reason);
  return true;
});

export const isAdmin = rule({ cache: 'contextual' })((_parent, _args, ctx: GraphQLContext) => {
  if (ctx.auth.status !== 'authenticated') return notAUser(ctx.auth);
  return ctx.viewer?.user.role === 'ADMIN' ? true : new ForbiddenError('Administrator role required');
});

/** The parent User is the viewer. */
export const isSelf = rule({ cache: 'no_cache' })((parent: UserRow, _args, ctx: GraphQLContext) => {
  if (ctx.auth.status !== 'authenticated') return notAUser(ctx.auth);
  return ctx.viewer?.user.id === parent.id ? true : new ForbiddenError();
});

/**
 * With REQUIRE_EMAIL_VERIFICATION, a signed-in user whose address is unverified gets FORBIDDEN
 * with `reason: EMAIL_NOT_VERIFIED`; without it, or without a viewer, the rule passes (pair it
 * with isAuthenticated, as `isVerifiedUser` does).
 */
export const isEmailVerifiedOrNotRequired = rule({ cache: 'contextual' })((_parent, _args, ctx: GraphQLContext) => {
  if (!ctx.services.account.requireEmailVerification || !ctx.viewer) return true;
  return ctx.viewer.user.emailVerified ? true : emailNotVerified();
});

/** Signed in, and verified where verification is required: the default for signed-in operations. */
export const isVerifiedUser = and(isAuthenticated, isEmailVerifiedOrNotRequired);

/**
 * A service account holding `scope`. Named per scope because shield caches contextual rules by
 * name. Users are refused here; combine with `or(isAdmin, ...)` where people may also pass.
 */
export function hasScope(scope: string) {
  return rule(`hasScope:${scope}`, { cache: 'contextual' })((_parent, _args, ctx: GraphQLContext) => {
    if (ctx.auth.status === 'authenticated') return new ForbiddenError(`Scope ${scope} required`);
    if (ctx.auth.status !== 'service') return notAUser(ctx.auth);
    return ctx.auth.service.scopes.includes(scope) ? true : new ForbiddenError(`Scope ${scope} required`, { scope });
  });
}
