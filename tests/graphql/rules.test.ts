import { describe, expect, it } from 'vitest';
import type { GraphQLContext } from '../../src/graphql/context.js';
import { hasScope, isAdmin, isAnonymousOrAuthenticated, isAuthenticated, isSelf, isVerifiedUser } from '../../src/graphql/rules.js';

type Rule = { resolve: (parent: unknown, args: unknown, ctx: unknown, info: unknown, options: unknown) => Promise<unknown> };
const options = { allowExternalErrors: true, debug: false, fallbackRule: undefined, hashFunction: JSON.stringify };
const user = (id: string, role: 'USER' | 'ADMIN' = 'USER') => ({ id, role, status: 'ACTIVE' });

function context(auth: GraphQLContext['auth']): GraphQLContext {
  return { auth, viewer: auth.status === 'authenticated' ? auth.viewer : null, _shield: { cache: {} } } as unknown as GraphQLContext;
}
const signedIn = (u: ReturnType<typeof user>) => context({ status: 'authenticated', viewer: { user: u, session: { id: 's' } } as any });
const run = (rule: unknown, ctx: GraphQLContext, parent: unknown = {}) => (rule as Rule).resolve(parent, {}, ctx, {}, options);
const codeOf = (value: unknown) => (value instanceof Error ? (value as any).extensions?.code : value);

describe('shield rules', () => {
  it('isAuthenticated: UNAUTHENTICATED without a viewer, with the expiry reason when known', async () => {
    expect(codeOf(await run(isAuthenticated, context({ status: 'anonymous' })))).toBe('UNAUTHENTICATED');
    const expired = await run(isAuthenticated, context({ status: 'invalid', reason: 'TOKEN_EXPIRED' }));
    expect((expired as any).extensions).toEqual({ code: 'UNAUTHENTICATED', reason: 'TOKEN_EXPIRED' });
    expect(await run(isAuthenticated, signedIn(user('a')))).toBe(true);
  });

  it('isAnonymousOrAuthenticated: lets anonymous through but not a bad token', async () => {
    expect(await run(isAnonymousOrAuthenticated, context({ status: 'anonymous' }))).toBe(true);
    expect(codeOf(await run(isAnonymousOrAuthenticated, context({ status: 'invalid', reason: 'TOKEN_INVALID' })))).toBe('UNAUTHENTICATED');
  });

  it('isSelf: FORBIDDEN for another user', async () => {
    expect(await run(isSelf, signedIn(user('a')), { id: 'a' })).toBe(true);
    expect(codeOf(await run(isSelf, signedIn(user('a')), { id: 'b' }))).toBe('FORBIDDEN');
  });

  it('isAdmin: FORBIDDEN for a user, UNAUTHENTICATED for nobody', async () => {
    expect(codeOf(await run(isAdmin, signedIn(user('a'))))).toBe('FORBIDDEN');
    expect(await run(isAdmin, signedIn(user('a', 'ADMIN')))).toBe(true);
    expect(codeOf(await run(isAdmin, context({ status: 'anonymous' })))).toBe('UNAUTHENTICATED');
  });

  const service = (scopes: string[]) => context({ status: 'service', service: { id: 'sa', name: 'svc', scopes } });

  it('hasScope: true only for a service holding the scope', async () => {
    expect(await run(hasScope('users:read'), service(['users:read']))).toBe(true);
    expect(codeOf(await run(hasScope('users:read'), service([])))).toBe('FORBIDDEN');
    expect(codeOf(await run(hasScope('users:read'), signedIn(user('a', 'ADMIN'))))).toBe('FORBIDDEN');
    expect(codeOf(await run(hasScope('users:read'), context({ status: 'anonymous' })))).toBe('UNAUTHENTICATED');
  });

  it('user rules refuse a service account with FORBIDDEN, whatever its scopes', async () => {
    for (const rule of [isAuthenticated, isAdmin]) expect(codeOf(await run(rule, service(['users:read'])))).toBe('FORBIDDEN');
    expect(codeOf(await run(isSelf, service(['users:read']), { id: 'sa' }))).toBe('FORBIDDEN');
  });
});

describe('email verification rule', () => {
  const withPolicy = (required: boolean, emailVerified: boolean | null) => {
    const auth: GraphQLContext['auth'] =
      emailVerified === null ? { status: 'anonymous' } : { status: 'authenticated', viewer: { user: { ...user('a'), emailVerified }, session: { id: 's' } } as any };
    return { ...context(auth), services: { account: { requireEmailVerification: required } } } as unknown as GraphQLContext;
  };

  it('isVerifiedUser: FORBIDDEN with reason EMAIL_NOT_VERIFIED only when verification is required', async () => {
    const refused = await run(isVerifiedUser, withPolicy(true, false));
    expect((refused as any).extensions).toEqual({ code: 'FORBIDDEN', reason: 'EMAIL_NOT_VERIFIED' });
    expect(await run(isVerifiedUser, withPolicy(true, true))).toBe(true);
    expect(await run(isVerifiedUser, withPolicy(false, false))).toBe(true);
  });

  it('isVerifiedUser: UNAUTHENTICATED for nobody, whatever the policy', async () => {
    expect(codeOf(await run(isVerifiedUser, withPolicy(true, null)))).toBe('UNAUTHENTICATED');
  });
});
