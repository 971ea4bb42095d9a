/**
 * Rate limits count per GraphQL field execution: aliased login fields in one request are separate
 * attempts. A successful login resets the account counter; other limits and the global per-IP
 * ceiling answer RATE_LIMITED with retryAfter.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOGIN, REFRESH, STRONG_PASSWORD, registerUser, uniqueEmail } from '../helpers/fixtures.js';
import { createTestServer, type TestServer } from '../helpers/test-server.js';

let server: TestServer;
beforeAll(async () => {
  // Aliases raised above the default 15 only so that one request can carry 50 login fields.
  server = await createTestServer({
    GRAPHQL_MAX_ALIASES: '60',
    GRAPHQL_MAX_TOKENS: '2000',
    LOGIN_MAX_FAILURES_PER_ACCOUNT: '10',
    LOGIN_MAX_FAILURES_PER_IP: '1000',
    REGISTER_MAX_PER_IP: '1000',
    REFRESH_MAX_PER_SESSION: '3',
  });
});
afterAll(async () => {
  await server?.close();
});

function aliasedLogins(count: number, email: string, password = 'definitely-wrong-password') {
  const fields = Array.from({ length: count }, (_, i) => `l${i}: login(input: $input) { accessToken }`).join('\n');
  return { query: `mutation Many($input: LoginInput!) { ${fields} }`, variables: { input: { email, password } } };
}

const codeOf = (result: { errors?: Array<{ extensions?: Record<string, any> }> }) => result.errors?.[0]?.extensions?.code;

async function failLogins(email: string, times: number): Promise<string[]> {
  const codes: string[] = [];
  for (let i = 0; i < times; i += 1) {
    codes.push(codeOf(await server.client().request(LOGIN, { input: { email, password: 'definitely-wrong-password' } })));
  }
  return codes;
}

describe('login failures per account', () => {
  it('counts every executed login field; 50 aliases cannot multiply guesses', async () => {
    const { email } = await registerUser(server.client());
    const { query, variables } = aliasedLogins(50, email);
    const batch = await server.client().request(query, variables);
    // login is non-null: the first failure nulls the operation and graphql-js stops executing the
    // remaining mutation fields, so the request made exactly one attempt.
    expect(batch.data).toBeNull();
    expect(batch.errors?.map((e) => e.extensions?.code)).toEqual(['INVALID_CREDENTIALS']);
    expect(await failLogins(email, 9)).toEqual(Array(9).fill('INVALID_CREDENTIALS'));
    const limited = await server.client().request(LOGIN, { input: { email, password: STRONG_PASSWORD } });
    expect(limited.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfter: expect.any(Number) });
    expect(limited.errors![0]!.extensions!.retryAfter).toBeLessThanOrEqual(900);
    const again = await server.client().request(query, variables);
    expect(again.errors?.map((e) => e.extensions?.code)).toEqual(['RATE_LIMITED']);
  });

  it('counts aliased login fields that execute one by one', async () => {
    const { email } = await registerUser(server.client());
    expect(await failLogins(email, 8)).toEqual(Array(8).fill('INVALID_CREDENTIALS'));
    // Two successes reset the counter each time; the failure after them is the first of a new window.
    const mixed = `mutation M($ok: LoginInput!, $bad: LoginInput!) {
      a: login(input: $ok) { accessToken } b: login(input: $ok) { accessToken } c: login(input: $bad) { accessToken } }`;
    const result = await server.client().request(mixed, { ok: { email, password: STRONG_PASSWORD }, bad: { email, password: 'nope-nope-nope' } });
    expect(result.errors?.map((e) => [e.path?.[0], e.extensions?.code])).toEqual([['c', 'INVALID_CREDENTIALS']]);
    expect(await failLogins(email, 10)).toEqual([...Array(9).fill('INVALID_CREDENTIALS'), 'RATE_LIMITED']);
  });

  it('limits an unknown email exactly like a known one', async () => {
    expect(await failLogins(uniqueEmail('ghost'), 11)).toEqual([...Array(10).fill('INVALID_CREDENTIALS'), 'RATE_LIMITED']);
  });

  it('resets the account counter after a successful login', async () => {
    const { email } = await registerUser(server.client());
    expect(await failLogins(email, 9)).toEqual(Array(9).fill('INVALID_CREDENTIALS'));
    const ok = await server.client().request(LOGIN, { input: { email, password: STRONG_PASSWORD } });
    expect(ok.errors).toBeUndefined();
    expect(await failLogins(email, 11)).toEqual([...Array(10).fill('INVALID_CREDENTIALS'), 'RATE_LIMITED']);
  });
});

describe('refresh per session', () => {
  it('allows REFRESH_MAX_PER_SESSION refreshes of one session per window', async () => {
    const client = server.client();
    await registerUser(client);
    for (let i = 0; i < 3; i += 1) expect((await client.request(REFRESH)).errors).toBeUndefined();
    const limited = await client.request(REFRESH);
    expect(limited.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfter: expect.any(Number) });
    const other = server.client();
    await registerUser(other);
    expect((await other.request(REFRESH)).errors).toBeUndefined();
  });
});
