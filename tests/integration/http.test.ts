import { createLocalJWKSet, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerUser } from '../helpers/fixtures.js';
import { createTestServer, type TestServer } from '../helpers/test-server.js';

let server: TestServer;
beforeAll(async () => {
  server = await createTestServer({ CORS_ORIGINS: 'http://localhost:5173' });
});
afterAll(async () => {
  await server?.close();
});

describe('HTTP routes', () => {
  it('serves liveness and readiness', async () => {
    expect(await (await fetch(`${server.url}/health`)).json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${server.url}/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
  });

  it('publishes the JWKS that verifies issued access tokens, pinned to EdDSA, issuer and audience', async () => {
    const response = await fetch(`${server.url}/.well-known/jwks.json`);
    const jwks = (await response.json()) as { keys: Array<Record<string, string>> };
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).not.toHaveProperty('d');
    const { accessToken, user, session } = await registerUser(server.client());
    const { payload, protectedHeader } = await jwtVerify(accessToken, createLocalJWKSet(jwks as never), {
      algorithms: ['EdDSA'],
      issuer: server.config.jwt.issuer,
      audience: 'latchkey',
    });
    expect(protectedHeader.kid).toBe(jwks.keys[0]!.kid);
    expect(payload).toMatchObject({ sub: user.id, sid: session.id });
    expect(JSON.stringify(payload)).not.toContain('@');
  });

  it('answers CORS preflights for allowed origins with credentials, and not for others', async () => {
    const preflight = (origin: string) =>
      fetch(`${server.url}/graphql`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,authorization' },
      });
    const allowed = await preflight('http://localhost:5173');
    expect(allowed.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(allowed.headers.get('access-control-allow-credentials')).toBe('true');
    const denied = await preflight('https://evil.example');
    expect(denied.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('sends security headers and a request id', async () => {
    const response = await fetch(`${server.url}/health`, { headers: { 'x-request-id': 'trace-123' } });
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-request-id')).toBe('trace-123');
    const generated = await fetch(`${server.url}/health`, { headers: { 'x-request-id': 'bad id with spaces' } });
    expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('refuses simple cross-site requests (CSRF prevention)', async () => {
    const response = await fetch(`${server.url}/graphql?query=${encodeURIComponent('{ me { id } }')}`);
    expect(response.status).toBe(400);
  });
});

describe('when the database fails', () => {
  let broken: TestServer;
  beforeAll(async () => {
    broken = await createTestServer();
    await broken.app.database.close();
  });
  afterAll(async () => {
    // The whole teardown, so that its PostgreSQL database is dropped too (closing twice is harmless).
    await broken?.close();
  });

  it('masks the error, turns /ready to 503 and keeps /health at 200', async () => {
    const result = await broken.client().request(`mutation { login(input: { email: "a@example.com", password: "whatever-password" }) { accessToken } }`);
    expect(result.errors).toEqual([{ message: 'Internal server error', path: ['login'], extensions: { code: 'INTERNAL_SERVER_ERROR' } }]);
    expect((await fetch(`${broken.url}/ready`)).status).toBe(503);
    expect((await fetch(`${broken.url}/health`)).status).toBe(200);
  });
});
