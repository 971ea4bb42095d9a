/**
 * The last-admin rule under concurrency. This file's server has no bootstrap admin, so the two
 * admins created here are the only ones. On PostgreSQL the requests really overlap; on PGlite
 * they are serialised, and the invariant must hold either way.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdmin, outcome } from '../helpers/admin-fixtures.js';
import { STRONG_PASSWORD, uniqueEmail } from '../helpers/fixtures.js';
import type { GraphQLClient } from '../helpers/graphql-client.js';
import { createTestServer, type TestServer } from '../helpers/test-server.js';

let server: TestServer;
beforeAll(async () => {
  server = await createTestServer();
});
afterAll(async () => {
  await server?.close();
});

const ACTIVE_ADMINS = '{ users(filter: { role: ADMIN, status: ACTIVE }) { totalCount } }';
const SET_ROLE = `mutation($id: ID!, $role: Role!) { setUserRole(id: $id, role: $role) { id role } }`;
const SUSPEND = `mutation($id: ID!) { suspendUser(id: $id) { id status } }`;
const UNSUSPEND = `mutation($id: ID!) { unsuspendUser(id: $id) { id status } }`;
const DELETE = `mutation($id: ID!) { deleteUser(id: $id) }`;

/** A refused side must be refused by the last-admin rule, or by shield when it already lost its role. */
const REFUSALS = ['FORBIDDEN:LAST_ADMIN', 'FORBIDDEN:NOT_ADMIN', 'FORBIDDEN', 'UNAUTHENTICATED:SESSION_ENDED'];

async function activeAdmins(client: GraphQLClient): Promise<number> {
  return (await client.data<any>(ACTIVE_ADMINS)).users.totalCount;
}

describe('bootstrap on several instances at once', () => {
  // Runs first: the database has no administrator yet, as at a first start-up.
  it('creates exactly one administrator', async () => {
    const meta = { now: server.clock.now(), ipAddress: null, userAgent: null };
    const attempts = [0, 1, 2].map((i) =>
      server.app.services.adminAccounts.bootstrapAdmin({ email: uniqueEmail(`boot${i}`), password: STRONG_PASSWORD, via: 'bootstrap' }, meta),
    );
    const actions = (await Promise.all(attempts)).map((result) => result.action).sort();
    expect(actions).toEqual(['created', 'skipped', 'skipped']);
    const admin = await server.app.services.adminReports.listUsers({ first: 10, after: null, filter: { role: 'ADMIN' }, field: 'CREATED_AT', direction: 'ASC' });
    expect(admin.edges).toHaveLength(1);
  });
});

describe('two administrators acting on each other at once', () => {
  it.each([
    ['demotions', SET_ROLE, { role: 'USER' }],
    ['suspensions', SUSPEND, {}],
    ['deletions', DELETE, {}],
  ] as const)('never leave zero active admins: concurrent %s', async (_label, mutation, extra) => {
    for (let round = 0; round < 4; round += 1) {
      const a = await createAdmin(server);
      const b = await createAdmin(server);
      // Only a and b are active admins from here on.
      const others = await server.app.services.adminReports.listUsers({ first: 100, after: null, filter: { role: 'ADMIN', status: 'ACTIVE' }, field: 'CREATED_AT', direction: 'ASC' });
      for (const edge of others.edges.filter((e) => e.node.id !== a.user.id && e.node.id !== b.user.id)) {
        await a.client.data(SET_ROLE, { id: edge.node.id, role: 'USER' });
      }
      expect(await activeAdmins(a.client)).toBe(2);

      const results = await Promise.all([
        a.client.request(mutation, { id: b.user.id, ...extra }),
        b.client.request(mutation, { id: a.user.id, ...extra }),
      ]);
      const outcomes = results.map(outcome);
      expect(outcomes.filter((o) => o === 'OK')).toHaveLength(1);
      expect(REFUSALS).toContain(outcomes.find((o) => o !== 'OK'));
      const winner = outcomes[0] === 'OK' ? a : b;
      expect(await activeAdmins(winner.client)).toBe(1);
      if (mutation === SUSPEND) await winner.client.data(UNSUSPEND, { id: (winner === a ? b : a).user.id });
    }
  });
});

