/**
 * NODE_ENV=production switches: no introspection, no landing page, no "Did you mean" hints
 * (validation AND variable errors), HSTS behind an https PUBLIC_URL, no default CORS origins.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSigningJwk } from '../../src/modules/auth/signing-keys.js';
import { LOGIN, REGISTER } from '../helpers/fixtures.js';
import { createTestServer, type TestServer } from '../helpers/test-server.js';

let server: TestServer;
beforeAll(async () => {
  const jwk = await generateSigningJwk();
  server = await createTestServer({ NODE_ENV: 'production', JWT_PRIVATE_KEY: JSON.stringify(jwk), PUBLIC_URL: 'https://auth.example.com' });
});
afterAll(async () => {
  await server?.close();
});

const allMessages = (errors: Array<{ message: string }> | undefined) => (errors ?? []).map((e) => e.message).join('\n');

describe('production defaults', () => {
  it('refuses introspection', async () => {
    const result = await server.client().request('query { __schema { types { name } } }');
    expect(result.status).toBe(400);
    expect(result.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(result.data).toBeUndefined();
  });

  it('refuses circular introspection too', async () => {
    const result = await server.client().request('query { __schema { types { fields { type { fields { name } } } } } }');
    expect(result.status).toBe(400);
  });

  it('serves no landing page', async () => {
    const response = await fetch(`${server.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(400);
    expect(await response.text()).not.toMatch(/<html|sandbox|embeddable/i);
  });

  it('hides field suggestions in validation errors', async () => {
    const result = await server.client().request('query { mee { id } }');
    expect(result.status).toBe(400);
    expect(allMessages(result.errors)).toMatch(/Cannot query field "mee"/);
    expect(allMessages(result.errors)).not.toMatch(/Did you mean|"me"/);
  });

  it('hides suggestions inside variable coercion errors', async () => {
    const result = await server.client().request(LOGIN, { input: { emial: 'a@example.com', password: 'x' } });
    expect(result.status).toBe(400);
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(allMessages(result.errors)).toMatch(/emial/);
    expect(allMessages(result.errors)).not.toMatch(/Did you mean|Suggestion/);
    const enumResult = await server.client().request('query Q($r: Role = ADMN) { __typename }');
    expect(enumResult.status).toBe(400);
    expect(allMessages(enumResult.errors)).not.toMatch(/Did you mean|ADMIN/);
  });

  it('hides suggestions for unknown arguments and input fields written inline', async () => {
    const result = await server.client().request('mutation { register(input: { emai: "a@b.co", pasword: "x" }) { accessToken } }');
    expect(result.status).toBe(400);
    expect(allMessages(result.errors)).not.toMatch(/Did you mean/);
  });

  it('sends HSTS behind an https PUBLIC_URL and grants no CORS origin by default', async () => {
    const health = await fetch(`${server.url}/health`, { headers: { origin: 'http://localhost:5173' } });
    expect(health.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    expect(health.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('still works for real requests', async () => {
    const result = await server.client().request(REGISTER, { input: { email: 'prod.user@example.com', password: 'violet-harbor-quantum-47' } });
    expect(result.errors).toBeUndefined();
  });
});
