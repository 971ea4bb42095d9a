/**
 * The document limits against a stand-in for the admin schema (issue 4), so the tuning is checked
 * against a realistic admin page even before that schema exists on this branch.
 */
import { buildSchema, getIntrospectionQuery, parse, specifiedRules, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { armorProtection } from '../../src/graphql/armor.js';

const schema = buildSchema(`
  type Query { me: User users(first: Int, after: String): UserConnection! }
  type UserConnection { edges: [UserEdge!]! pageInfo: PageInfo! totalCount: Int! }
  type PageInfo { hasNextPage: Boolean! endCursor: String }
  type UserEdge { node: User! cursor: String! }
  type Session { id: ID! userAgent: String ipAddress: String createdAt: String expiresAt: String lastUsedAt: String current: Boolean! owner: User! }
  type User { id: ID! email: String! role: String status: String displayName: String emailVerified: Boolean createdAt: String lastLoginAt: String sessions: [Session!]! }
`);

function errorsFor(query: string): string[] {
  const { validationRules } = armorProtection(loadConfig({ NODE_ENV: 'test' }).graphql.limits);
  return validate(schema, parse(query), [...specifiedRules, ...validationRules]).map((e) => e.message);
}

describe('document limits', () => {
  it('pass a full admin users page and the standard introspection query', () => {
    const admin = `query AdminUsers($after: String) { users(first: 100, after: $after) { totalCount pageInfo { hasNextPage endCursor }
      edges { cursor node { id email role status displayName emailVerified createdAt lastLoginAt
        sessions { id userAgent ipAddress createdAt expiresAt lastUsedAt current } } } } }`;
    expect(errorsFor(admin)).toEqual([]);
    expect(errorsFor(getIntrospectionQuery())).toEqual([]);
    expect(errorsFor('query { users { edges { node { sessions { owner { sessions { owner { id } } } } } } } }')).toEqual([]);
  });

  it.each([
    ['16 aliases', `query { ${Array.from({ length: 16 }, (_, i) => `a${i}: me { id }`).join(' ')} }`],
    ['6 directives', `query { me { id ${'@include(if: true) '.repeat(6)} } }`],
    ['depth 9', 'query { users { edges { node { sessions { owner { sessions { owner { sessions { id } } } } } } } } }'],
    ['circular introspection', 'query { __schema { types { fields { type { fields { type { name } } } } } } }'],
    ['circular introspection through fragments', 'query { __type(name: "User") { ...F } } fragment F on __Type { interfaces { ...G } } fragment G on __Type { fields { name } }'],
  ])('reject %s', (_label, query) => {
    expect(errorsFor(query).length).toBeGreaterThan(0);
  });
});
