/**
 * GraphQL-layer abuse: graphql-armor limits (graphql-cop style attacks), CSRF prevention, GET only
 * for queries, no HTTP batching, the NUL guard. Every rejection is a 4xx with a coded error.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ME, REGISTER, STRONG_PASSWORD, registerUser, uniqueEmail } from '../helpers/fixtures.js';
import { createTestServer, type TestServer } from '../helpers/test-server.js';

let server: TestServer;
beforeAll(async () => {
  server = await createTestServer({ REGISTER_MAX_PER_IP: '1000' });
});
afterAll(async () => {
  await server?.close();
});

async function post(body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, text, json: JSON.parse(text) as { data?: any; errors?: any[] } };
}

function expectRejected(result: { status: number; json: { data?: unknown; errors?: any[] } }) {
  expect(result.status).toBe(400);
  expect(result.json.data).toBeUndefined();
  expect(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT']).toContain(result.json.errors?.[0]?.extensions?.code);
}

describe('graphql-armor limits', () => {
  it('lets a normal signed-in query through', async () => {
    const client = server.client();
    await registerUser(client);
    const result = await client.request(`query { me { id email role status sessions { id current createdAt expiresAt userAgent } } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data?.me.sessions).toHaveLength(1);
  });

  it('accepts 15 aliases and rejects 16 and 101 aliases', async () => {
    const aliases = (n: number) => Array.from({ length: n }, (_, i) => `a${i}: me { id }`).join(' ');
    const ok = await post({ query: `query { ${aliases(15)} }` });
    expect(ok.status).toBe(200);
    expect(ok.json.errors).toBeUndefined();
    const sixteen = await post({ query: `query { ${aliases(16)} }` });
    expectRejected(sixteen);
    expect(sixteen.json.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expectRejected(await post({ query: `query { ${aliases(101)} }` }));
  });

  it('rejects an oversized document by its token count', async () => {
    const result = await post({ query: `query { me { id } } ${'# padding\n'.repeat(10)} ${'fragment F on User { id } '.repeat(80)}` });
    expectRejected(result);
    expect(result.json.errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
  });

  it('rejects 500 duplicated fields', async () => {
    expectRejected(await post({ query: `query { ${'__typename '.repeat(500)} }` }));
    expectRejected(await post({ query: `query { me { ${'id '.repeat(500)} } }` }));
  });

  it('rejects 10 directives on one field', async () => {
    expectRejected(await post({ query: `query { me { id ${'@include(if: true) '.repeat(10)} } }` }));
    expectRejected(await post({ query: `query { __typename ${'@aa '.repeat(10)} }` }));
  });

  it('rejects circular introspection but serves the standard introspection query (introspection is on in test)', async () => {
    const circular = 'query cop { __schema { types { fields { type { fields { type { fields { type { name } } } } } } } } }';
    expectRejected(await post({ query: circular }));
    const viaFragments = `query { __schema { types { ...A } } } fragment A on __Type { fields { type { ...B } } } fragment B on __Type { fields { name } }`;
    expectRejected(await post({ query: viaFragments }));
    const { getIntrospectionQuery } = await import('graphql');
    const standard = await post({ query: getIntrospectionQuery() });
    expect(standard.status).toBe(200);
    expect(standard.json.data.__schema.queryType.name).toBe('Query');
  });

  it('rejects a query deeper than the limit', async () => {
    const deep = `query { __schema { queryType { ${'ofType { '.repeat(2)} name ${'} '.repeat(2)} } } }`;
    expect((await post({ query: deep })).status).toBe(200);
    const tooDeep = `query { __type(name: "User") { ${'ofType { '.repeat(12)} name ${'} '.repeat(12)} } }`;
    const result = await post({ query: tooDeep });
    expect(result.status).toBe(400);
  });
});

describe('HTTP transport rules', () => {
  it('refuses HTTP array batching', async () => {
    const result = await post([{ query: '{ me { id } }' }, { query: '{ me { id } }' }]);
    expect(result.status).toBe(400);
    expect(result.json.errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
  });

  it('refuses a CSRF-able simple request (text/plain, or GET without a preflight header)', async () => {
    const email = uniqueEmail('csrf');
    const body = JSON.stringify({ query: REGISTER, variables: { input: { email, password: STRONG_PASSWORD } } });
    const plain = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body });
    expect(plain.status).toBe(400);
    expect(JSON.stringify(await plain.json())).toMatch(/CSRF|preflight/i);
    const get = await fetch(`${server.url}/graphql?query=${encodeURIComponent('{ me { id } }')}`);
    expect(get.status).toBe(400);
    const login = await server.client().request(`mutation { login(input: { email: "${email}", password: "${STRONG_PASSWORD}" }) { accessToken } }`);
    expect(login.errors?.[0]?.extensions?.code).toBe('INVALID_CREDENTIALS');
  });

  it('runs queries over GET (with the preflight header) but never mutations', async () => {
    const headers = { 'apollo-require-preflight': 'true' };
    const query = await fetch(`${server.url}/graphql?query=${encodeURIComponent('{ me { id } }')}`, { headers });
    expect(query.status).toBe(200);
    const mutation = `mutation { register(input: { email: "${uniqueEmail('get')}", password: "${STRONG_PASSWORD}" }) { accessToken } }`;
    const refused = await fetch(`${server.url}/graphql?query=${encodeURIComponent(mutation)}`, { headers });
    expect(refused.status).toBe(405);
    expect(((await refused.json()) as any).errors[0].extensions.code).toBe('BAD_REQUEST');
  });
});

describe('NUL characters', () => {
  it('are refused as BAD_USER_INPUT before reaching SQL, in variables and inline literals', async () => {
    const email = uniqueEmail('nul');
    const inVariables = await server.client().request(REGISTER, { input: { email, password: STRONG_PASSWORD, displayName: 'a\u0000b' } });
    expect(inVariables.status).toBe(400);
    expect(inVariables.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'displayName' });
    // Twice: the second request gets the parsed document from Apollo's store, and the guard's
    // per-document memo must refuse it again.
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const inline = await post({ query: `mutation { login(input: { email: "x\\u0000@example.com", password: "p" }) { accessToken } }` });
      expect(inline.status).toBe(400);
      expect(inline.json.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'email' });
    }
    const after = await server.client().request(REGISTER, { input: { email, password: STRONG_PASSWORD } });
    expect(after.errors).toBeUndefined();
  });

  it('do not break a query without them', async () => {
    const result = await server.client().request(ME);
    expect(result.status).toBe(200);
  });
});
