/**
 * Property-based abuse of every operation in the schema with random and hostile input (fast-check).
 * Invariants for every request: never a 5xx, never INTERNAL_SERVER_ERROR, never an internal
 * message or stack trace, and no row changes that the operation should not make (a bystander's
 * account and session stay as they were; users are added only by a successful register; the
 * administrator and the service account keep working). Administration rows run twice: as an
 * administrator with hostile ids, filters, cursors and page sizes, and as a plain user, who must
 * get FORBIDDEN (or BAD_USER_INPUT for ill-typed variables) and no data.
 * To cover a new operation, add a row to OPERATIONS (a test fails while a root field has none).
 */
import { count } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../../src/db/schema.js';
import * as account from '../helpers/account-fixtures.js';
import * as adm from '../helpers/admin-fixtures.js';
import { LOGIN, ME, REGISTER, STRONG_PASSWORD, registerUser, uniqueEmail } from '../helpers/fixtures.js';
import type { GraphQLClient } from '../helpers/graphql-client.js';
import { bearer, dateTime, enumOrHostile, hostileId, late, mostlyTyped, pageSize, tampered, text, textOrWrong, wrongType } from '../helpers/hostile.js';
import { schemaRootFields } from '../helpers/schema-fields.js';
import * as svc from '../helpers/service-accounts.js';
import { createTestServer, type TestServer } from '../helpers/test-server.js';

const NUM_RUNS = 30;
/** Runs for the rows that only repeat another row's input under a caller who must be refused. */
const REFUSAL_RUNS = 10;

/** Who sends the request: nobody, a random bearer string, a plain user, an administrator, a service. */
type Caller = 'anonymous' | 'random' | 'attacker' | 'admin' | 'service';

interface Operation {
  /** The root field, e.g. "query.users". */
  field: string;
  query: string;
  variables: fc.Arbitrary<Record<string, unknown>>;
  as?: Caller;
  /** The operation must fail, with one of these codes, and return no data. */
  refusedWith?: string[];
  /** More runs for rows with many arguments, most combinations of which fail variable coercion. */
  runs?: number;
}

/** A record whose keys may each be left out. */
const partial = <T extends Record<string, fc.Arbitrary<unknown>>>(model: T) => fc.record(model, { requiredKeys: [] });

const USERS = `query($first: Int, $after: String, $filter: UserFilter, $orderBy: UserOrder) {
  users(first: $first, after: $after, filter: $filter, orderBy: $orderBy) { totalCount edges { cursor node { id email } } pageInfo { hasNextPage endCursor } }
}`;
const STATS = 'query { stats { totalUsers verifiedUsers suspendedUsers admins activeSessions signupsLast24h signupsLast7d loginsLast24h failedLoginsLast24h } }';
const SERVICE_ACCOUNTS = 'query { serviceAccounts { id clientId active } }';

const cursor = fc.oneof(textOrWrong, fc.base64String({ maxLength: 200 }), late(() => cursors.users), late(() => cursors.audit), tampered(late(() => cursors.users)), tampered(late(() => cursors.audit)));
const userFilter = mostlyTyped(
  partial({ search: mostlyTyped(text), role: enumOrHostile('USER', 'ADMIN'), status: enumOrHostile('ACTIVE', 'SUSPENDED'), emailVerified: mostlyTyped(fc.boolean()), createdAfter: dateTime, createdBefore: dateTime }),
);
const userOrder = mostlyTyped(fc.record({ field: enumOrHostile('CREATED_AT', 'EMAIL', 'LAST_LOGIN_AT'), direction: enumOrHostile('ASC', 'DESC') }));
const auditFilter = mostlyTyped(
  partial({ type: mostlyTyped(fc.oneof(text, fc.constantFrom('login.failed', 'user.registered'))), actorId: hostileId, targetUserId: hostileId, after: dateTime, before: dateTime }),
);
const adminUpdate = mostlyTyped(
  partial({ displayName: fc.option(mostlyTyped(text)), email: fc.option(mostlyTyped(fc.oneof(text, fc.emailAddress()))), emailVerified: mostlyTyped(fc.boolean()) }),
);
const idList = fc.oneof(
  fc.array(fc.oneof(hostileId, late(() => victim.id)), { maxLength: 20 }),
  fc.array(fc.uuid(), { minLength: 101, maxLength: 150 }),
  fc.array(hostileId, { minLength: 95, maxLength: 110 }),
  fc.array(late(() => victim.id), { minLength: 1, maxLength: 120 }),
  wrongType,
);

/** Ids an administrator may be sent without harm: hostile ones, unknown ones, their own (refused where it matters). */
const adminTarget = fc.oneof({ weight: 4, arbitrary: hostileId }, { weight: 1, arbitrary: late(() => admin.id) });
/** A non-administrator may also aim at real accounts: every one of these must be refused. */
const foreignTarget = fc.oneof({ weight: 3, arbitrary: hostileId }, { weight: 1, arbitrary: late(() => admin.id) }, { weight: 1, arbitrary: late(() => victim.id) });

function administration(target: fc.Arbitrary<unknown>): Operation[] {
  return [
    { field: 'query.user', query: adm.USER, variables: fc.record({ id: fc.oneof(target, late(() => victim.id)) }) },
    { field: 'query.users', query: USERS, variables: partial({ first: pageSize, after: cursor, filter: userFilter, orderBy: userOrder }), runs: 100 },
    { field: 'query.stats', query: STATS, variables: fc.constant({}) },
    { field: 'query.auditEvents', query: adm.AUDIT, variables: partial({ first: pageSize, after: cursor, filter: auditFilter }), runs: 100 },
    { field: 'query.serviceAccounts', query: SERVICE_ACCOUNTS, variables: fc.constant({}) },
    { field: 'mutation.updateUser', query: adm.UPDATE, variables: fc.record({ id: target, input: adminUpdate }) },
    { field: 'mutation.setUserRole', query: adm.SET_ROLE, variables: fc.record({ id: target, role: enumOrHostile('USER', 'ADMIN') }) },
    { field: 'mutation.suspendUser', query: adm.SUSPEND, variables: fc.record({ id: target, reason: fc.option(textOrWrong) }) },
    { field: 'mutation.unsuspendUser', query: adm.UNSUSPEND, variables: fc.record({ id: target }) },
    { field: 'mutation.deleteUser', query: adm.DELETE, variables: fc.record({ id: target }) },
    // Not the administrator's own id: revoking one's own sessions is allowed and would sign them out.
    { field: 'mutation.revokeUserSessions', query: adm.REVOKE, variables: fc.record({ id: target === adminTarget ? hostileId : target }) },
    { field: 'mutation.createServiceAccount', query: svc.CREATE_SERVICE_ACCOUNT, variables: fc.record({ name: textOrWrong, scopes: fc.oneof(fc.array(fc.oneof(textOrWrong, fc.constant('users:read')), { maxLength: 5 }), wrongType) }) },
    { field: 'mutation.revokeServiceAccount', query: svc.REVOKE_SERVICE_ACCOUNT, variables: fc.record({ id: hostileId }) },
    { field: 'query.usersByIds', query: svc.USERS_BY_IDS, variables: fc.record({ ids: idList }) },
  ];
}

const OPERATIONS: Operation[] = [
  // Core (issue 2).
  { field: 'mutation.register', query: REGISTER, variables: fc.record({ input: fc.oneof(fc.record({ email: textOrWrong, password: textOrWrong, displayName: fc.option(textOrWrong) }), wrongType) }) },
  { field: 'mutation.login', query: LOGIN, variables: fc.record({ input: fc.oneof(fc.record({ email: textOrWrong, password: textOrWrong }), wrongType) }) },
  { field: 'mutation.refresh', query: 'mutation R($t: String) { refresh(refreshToken: $t) { accessToken } }', variables: fc.record({ t: fc.option(textOrWrong) }) },
  { field: 'mutation.logout', query: 'mutation { logout }', variables: fc.constant({}), as: 'random' },
  // Includes the bystander's real session id: revoking it with someone else's token must change nothing.
  { field: 'mutation.revokeSession', query: 'mutation V($id: ID!) { revokeSession(id: $id) }', variables: fc.record({ id: fc.oneof(textOrWrong, late(() => victim.sessionId)) }), as: 'attacker' },
  { field: 'mutation.revokeOtherSessions', query: 'mutation { revokeOtherSessions }', variables: fc.constant({}), as: 'attacker' },
  { field: 'query.me', query: ME, variables: fc.constant({}), as: 'random' },
  { field: 'query.sessions', query: 'query { sessions { id current ipAddress userAgent } }', variables: fc.constant({}), as: 'attacker' },
  // Account (issue 3): the attacker's own account, with passwords and tokens they do not have.
  { field: 'mutation.verifyEmail', query: account.VERIFY_EMAIL, variables: fc.record({ token: textOrWrong }), as: 'attacker' },
  { field: 'mutation.resendVerificationEmail', query: account.RESEND_VERIFICATION, variables: fc.constant({}), as: 'attacker' },
  { field: 'mutation.requestPasswordReset', query: account.REQUEST_RESET, variables: fc.record({ email: fc.oneof(textOrWrong, late(() => victim.email)) }) },
  { field: 'mutation.resetPassword', query: account.RESET_PASSWORD, variables: fc.record({ token: textOrWrong, newPassword: fc.oneof(textOrWrong, fc.constant(account.NEW_PASSWORD)) }) },
  { field: 'mutation.changePassword', query: account.CHANGE_PASSWORD, variables: fc.record({ currentPassword: textOrWrong, newPassword: fc.oneof(textOrWrong, fc.constant(account.NEW_PASSWORD)) }), as: 'attacker' },
  { field: 'mutation.updateProfile', query: account.UPDATE_PROFILE, variables: fc.record({ input: fc.oneof(partial({ displayName: fc.option(textOrWrong) }), wrongType) }), as: 'attacker' },
  { field: 'mutation.requestEmailChange', query: account.REQUEST_EMAIL_CHANGE, variables: fc.record({ newEmail: fc.oneof(textOrWrong, late(() => victim.email)), password: textOrWrong }), as: 'attacker' },
  { field: 'mutation.confirmEmailChange', query: account.CONFIRM_EMAIL_CHANGE, variables: fc.record({ token: textOrWrong }), as: 'attacker' },
  { field: 'mutation.deleteAccount', query: account.DELETE_ACCOUNT, variables: fc.record({ password: textOrWrong }), as: 'attacker' },
  // Administration (issue 4) and service accounts (issue 6): as an administrator, and refused to a plain user.
  ...administration(adminTarget).map((op): Operation => ({ ...op, as: 'admin' })),
  ...administration(foreignTarget).map((op): Operation => ({ ...op, as: 'attacker', refusedWith: ['FORBIDDEN', 'BAD_USER_INPUT'] })),
  { field: 'query.usersByIds', query: svc.USERS_BY_IDS, variables: fc.record({ ids: idList }), as: 'service' },
  { field: 'query.user', query: svc.USER, variables: fc.record({ id: fc.oneof(hostileId, late(() => victim.id)) }), as: 'service' },
  // Never the right secret: a real client id with a near-miss secret, or junk.
  {
    field: 'mutation.serviceToken',
    query: svc.SERVICE_TOKEN,
    variables: fc.record({
      clientId: fc.oneof(textOrWrong, late(() => service.clientId), tampered(late(() => service.clientId))),
      clientSecret: fc.oneof(text, wrongType, tampered(late(() => service.clientSecret)), late(() => service.clientId)),
    }),
    as: 'random',
    refusedWith: ['INVALID_CREDENTIALS', 'BAD_USER_INPUT'],
  },
];

let server: TestServer;
let victim: { client: GraphQLClient; snapshot: string; sessionId: string; id: string; email: string };
let attacker: GraphQLClient;
let admin: { client: GraphQLClient; id: string };
let service: svc.CreatedServiceAccount & { token: string };
const cursors = { users: '', audit: '' };
beforeAll(async () => {
  server = await createTestServer({
    ...Object.fromEntries(['REGISTER_MAX_PER_IP', 'LOGIN_MAX_FAILURES_PER_IP', 'LOGIN_MAX_FAILURES_PER_ACCOUNT', 'GLOBAL_MAX_PER_IP'].map((name) => [name, '100000'])),
    ...Object.fromEntries(['ACCOUNT_MAIL_MAX_PER_ACCOUNT', 'ACCOUNT_MAIL_MAX_PER_IP', 'SERVICE_AUTH_MAX_FAILURES_PER_IP'].map((name) => [name, '100000'])),
  });
  const client = server.client();
  const registered = await registerUser(client, { email: 'admin@example.com', displayName: 'Victim' });
  victim = { client, snapshot: JSON.stringify(await victimView(client)), sessionId: registered.session.id, id: registered.user.id, email: registered.email };
  attacker = server.client();
  await registerUser(attacker);
  const created = await adm.createAdmin(server);
  admin = { client: created.client, id: created.user.id };
  const account = await svc.createServiceAccount(admin.client);
  service = { ...account, token: await svc.serviceToken(server.client(), account) };
  cursors.users = (await admin.client.data<{ users: any }>(USERS, { first: 1 })).users.pageInfo.endCursor;
  cursors.audit = (await admin.client.data<{ auditEvents: any }>(adm.AUDIT, { first: 1 })).auditEvents.pageInfo.endCursor;
});
afterAll(async () => {
  await server?.close();
});

async function victimView(client: GraphQLClient) {
  const { me } = await client.data<{ me: any }>('query { me { id email displayName role status emailVerified updatedAt lastLoginAt sessions { id expiresAt } } }');
  return me;
}

/** What must hold after every row: the administrator and the service account still work. */
async function assertPrincipalsIntact() {
  const { me } = await admin.client.data<{ me: any }>('query { me { id role status } }');
  expect(me).toEqual({ id: admin.id, role: 'ADMIN', status: 'ACTIVE' });
  const { serviceAccounts } = await admin.client.data<{ serviceAccounts: any[] }>(SERVICE_ACCOUNTS);
  expect(serviceAccounts.find((a) => a.id === service.id)?.active).toBe(true);
}

async function userCount(): Promise<number> {
  const [row] = await server.app.database.db.select({ n: count() }).from(users);
  return Number(row!.n);
}

function assertNoLeak(result: { status: number; errors?: Array<{ message: string; extensions?: Record<string, any> }> }) {
  expect(result.status).toBeLessThan(500);
  for (const error of result.errors ?? []) {
    expect(error.extensions?.code).not.toBe('INTERNAL_SERVER_ERROR');
    expect(error.extensions?.code).toBeTruthy();
    expect(error.extensions?.stacktrace).toBeUndefined();
    expect(error.message).not.toMatch(/\bat .*\.[cm]?[jt]s:\d+:\d+|node_modules|SQLSTATE|syntax error at|relation "|violates|drizzle|postgres|pglite/i);
  }
}

function assertRefused(operation: Operation, result: { data?: Record<string, unknown> | null; errors?: Array<{ extensions?: Record<string, any> }> }) {
  if (!operation.refusedWith) return;
  expect(result.data?.[operation.field.split('.')[1]!] ?? null).toBeNull();
  expect(result.errors?.length).toBeGreaterThan(0);
  for (const error of result.errors ?? []) expect(operation.refusedWith).toContain(error.extensions?.code);
}

function tokenOf(caller: Caller, randomToken: string): string | null {
  const tokens: Record<Caller, () => string | null> = {
    anonymous: () => null,
    random: () => randomToken,
    attacker: () => attacker.accessToken,
    admin: () => admin.client.accessToken,
    service: () => service.token,
  };
  return tokens[caller]();
}

const label = (op: Operation) => `${op.field.split('.')[1]} as ${op.as ?? 'anonymous'}`;

describe('hostile input to every operation', () => {
  it('covers every Query and Mutation field of the schema', () => {
    const covered = new Set(OPERATIONS.map((op) => op.field));
    expect(schemaRootFields().filter((field) => !covered.has(field))).toEqual([]);
  });

  it.each(OPERATIONS.map((op) => [label(op), op] as const))('%s', { timeout: 120_000 }, async (_name, operation) => {
    await fc.assert(
      fc.asyncProperty(operation.variables, bearer, async (variables, randomToken) => {
        const before = await userCount();
        const result = await server.client().request(operation.query, variables, { token: tokenOf(operation.as ?? 'anonymous', randomToken) });
        assertNoLeak(result);
        assertRefused(operation, result);
        const registered = operation.field === 'mutation.register' && result.data?.register ? 1 : 0;
        expect(await userCount()).toBe(before + registered);
      }),
      { numRuns: operation.as === 'attacker' && operation.refusedWith ? REFUSAL_RUNS : (operation.runs ?? NUM_RUNS) },
    );
    expect(JSON.stringify(await victimView(victim.client))).toBe(victim.snapshot);
    await assertPrincipalsIntact();
  });

  it('survives random request bodies and documents', { timeout: 120_000 }, async () => {
    const body = fc.oneof(
      fc.json(),
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.record({ query: fc.string({ maxLength: 200 }), variables: fc.option(fc.jsonValue()) }).map((v) => JSON.stringify(v)),
      fc.record({ query: fc.constantFrom(REGISTER, LOGIN, ME), variables: fc.jsonValue(), operationName: fc.option(fc.string()) }).map((v) => JSON.stringify(v)),
    );
    await fc.assert(
      fc.asyncProperty(body, async (raw) => {
        const response = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: raw });
        const text = await response.text();
        expect(response.status).toBeLessThan(500);
        expect(() => JSON.parse(text)).not.toThrow();
        expect(text).not.toMatch(/INTERNAL_SERVER_ERROR|node_modules|\bat .*\.[cm]?[jt]s:\d+:\d+/);
      }),
      { numRuns: NUM_RUNS * 2 },
    );
  });
});

describe('Unicode confusables in emails', () => {
  it('never reach or duplicate another account', async () => {
    for (const email of ['аdmin@example.com', 'admin@exаmple.com', 'ＡＤＭＩＮ@example.com', 'admin@example.com\u200b', '\u202eadmin@example.com', 'ADMİN@example.com']) {
      const login = await server.client().request(LOGIN, { input: { email, password: STRONG_PASSWORD } });
      expect(login.errors?.[0]?.extensions?.code).toBe('INVALID_CREDENTIALS');
      const register = await server.client().request(REGISTER, { input: { email, password: STRONG_PASSWORD } });
      expect(register.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
    const exact = await server.client().request(LOGIN, { input: { email: ' ADMIN@example.com ', password: STRONG_PASSWORD } });
    expect(exact.errors).toBeUndefined();
  });

  it('end a registration race in one account and one EMAIL_TAKEN', async () => {
    const email = uniqueEmail('race');
    const results = await Promise.all(Array.from({ length: 5 }, () => server.client().request(REGISTER, { input: { email, password: STRONG_PASSWORD } })));
    const codes = results.map((r) => r.errors?.[0]?.extensions?.code ?? 'OK').sort();
    expect(codes).toEqual(['EMAIL_TAKEN', 'EMAIL_TAKEN', 'EMAIL_TAKEN', 'EMAIL_TAKEN', 'OK']);
  });
});
