/**
 * Property-based abuse of every operation in the schema with random and hostile input (fast-check).
 * Invariants for every request: never a 5xx, never INTERNAL_SERVER_ERROR, never an internal
 * message or stack trace, and no row changes that the operation should not make (a bystander's
 * account and session stay as they were; users are added only by a successful register).
 * To cover a new operation, add a row to OPERATIONS.
 */
import { count } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../../src/db/schema.js';
import { LOGIN, ME, REGISTER, STRONG_PASSWORD, registerUser, uniqueEmail } from '../helpers/fixtures.js';
import type { GraphQLClient } from '../helpers/graphql-client.js';
import { createTestServer, type TestServer } from '../helpers/test-server.js';

const NUM_RUNS = 30;
const HUGE = 'A'.repeat(20_000);

const PAYLOADS = [
  "' OR '1'='1", "'; DROP TABLE users; --", 'admin@example.com\'--', '"><script>alert(1)</script>', '${7*7}{{7*7}}',
  '\u0000', 'a\u0000b@example.com', '\u202eevil', '\u200b', '\r\n\t', '\uFEFF', '%00', '../../etc/passwd',
  'аdmin@example.com', 'admin@exаmple.com', 'ＡＤＭＩＮ@example.com', 'admin@example.com\u200b', 'ADMİN@example.com',
  '\uD800', '\uDFFF', '😀'.repeat(50), HUGE, '', ' ', '@', 'a@b', `${'a'.repeat(64)}@${'b'.repeat(250)}.com`,
];

/** Hostile text: payloads, random Unicode (lone surrogates included), control characters, long strings. */
const payload = fc.constantFrom(...PAYLOADS);
const text = fc.oneof(
  { weight: 3, arbitrary: payload },
  // A payload spliced into an otherwise plausible value, so it gets past the shallow checks.
  { weight: 3, arbitrary: fc.tuple(fc.emailAddress(), payload, fc.nat()).map(([e, p, at]) => e.slice(0, at % (e.length + 1)) + p + e.slice(at % (e.length + 1))) },
  { weight: 1, arbitrary: fc.string({ maxLength: 80 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 80 }) },
  { weight: 1, arbitrary: fc.stringMatching(/^[\x00-\x1f\x7f]{1,10}$/) },
  { weight: 1, arbitrary: fc.string({ minLength: 300, maxLength: 3000 }) },
  { weight: 1, arbitrary: fc.emailAddress() },
);
/** A value of any JSON type where a string is expected. */
const wrongType = fc.oneof(fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(fc.string(), { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }));
const textOrWrong = fc.oneof({ weight: 4, arbitrary: text }, { weight: 1, arbitrary: wrongType });
/** Printable ASCII only: fetch itself refuses control characters in headers. */
const bearer = fc.oneof(fc.stringMatching(/^[!-~]{1,300}$/), fc.constantFrom('a.b.c', 'eyJhbGciOiJub25lIn0.e30.', 'null'));

interface Operation {
  name: string;
  query: string;
  variables: fc.Arbitrary<Record<string, unknown>>;
  /** Whose token the request carries: the attacker's, a random string, or none. */
  token?: 'attacker' | 'random';
}

const OPERATIONS: Operation[] = [
  { name: 'register', query: REGISTER, variables: fc.record({ input: fc.oneof(fc.record({ email: textOrWrong, password: textOrWrong, displayName: fc.option(textOrWrong) }), wrongType) }) },
  { name: 'login', query: LOGIN, variables: fc.record({ input: fc.oneof(fc.record({ email: textOrWrong, password: textOrWrong }), wrongType) }) },
  { name: 'refresh', query: 'mutation R($t: String) { refresh(refreshToken: $t) { accessToken } }', variables: fc.record({ t: fc.option(textOrWrong) }) },
  { name: 'logout', query: 'mutation { logout }', variables: fc.constant({}), token: 'random' },
  // Includes the bystander's real session id: revoking it with someone else's token must change nothing.
  { name: 'revokeSession', query: 'mutation V($id: ID!) { revokeSession(id: $id) }', variables: fc.record({ id: fc.oneof(textOrWrong, fc.constant(null).map(() => victim.sessionId)) }), token: 'attacker' },
  { name: 'revokeOtherSessions', query: 'mutation { revokeOtherSessions }', variables: fc.constant({}), token: 'attacker' },
  { name: 'me', query: ME, variables: fc.constant({}), token: 'random' },
  { name: 'sessions', query: 'query { sessions { id current ipAddress userAgent } }', variables: fc.constant({}), token: 'attacker' },
];

let server: TestServer;
let victim: { client: GraphQLClient; snapshot: string; sessionId: string };
let attacker: GraphQLClient;
beforeAll(async () => {
  server = await createTestServer({ REGISTER_MAX_PER_IP: '100000', LOGIN_MAX_FAILURES_PER_IP: '100000', GLOBAL_MAX_PER_IP: '100000' });
  const client = server.client();
  const registered = await registerUser(client, { email: 'admin@example.com', displayName: 'Victim' });
  victim = { client, snapshot: JSON.stringify(await victimView(client)), sessionId: registered.session.id };
  attacker = server.client();
  await registerUser(attacker);
});
afterAll(async () => {
  await server?.close();
});

async function victimView(client: GraphQLClient) {
  const { me } = await client.data<{ me: any }>('query { me { id email displayName role status emailVerified updatedAt lastLoginAt sessions { id expiresAt } } }');
  return me;
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
    expect(error.message).not.toMatch(/\bat .+:\d+:\d+|node_modules|SQLSTATE|syntax error at|relation "|violates|drizzle|postgres|pglite/i);
  }
}

async function send(operation: Operation, variables: Record<string, unknown>, randomToken: string) {
  const token = operation.token === 'attacker' ? attacker.accessToken : operation.token === 'random' ? randomToken : null;
  return server.client().request(operation.query, variables, { token });
}

describe('hostile input to every operation', () => {
  it.each(OPERATIONS.map((op) => [op.name, op] as const))('%s', { timeout: 120_000 }, async (_name, operation) => {
    await fc.assert(
      fc.asyncProperty(operation.variables, bearer, async (variables, randomToken) => {
        const before = await userCount();
        const result = await send(operation, variables, randomToken);
        assertNoLeak(result);
        const registered = operation.name === 'register' && result.data?.register ? 1 : 0;
        expect(await userCount()).toBe(before + registered);
      }),
      { numRuns: NUM_RUNS },
    );
    expect(JSON.stringify(await victimView(victim.client))).toBe(victim.snapshot);
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
        expect(text).not.toMatch(/INTERNAL_SERVER_ERROR|node_modules|\bat .+:\d+:\d+/);
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
