/**
 * HTTP-level abuse and transport: malformed or oversize bodies get a 4xx JSON error (never a 500
 * or a stack trace), security headers, the CORS allow-list, and X-Forwarded-For being ignored
 * without TRUST_PROXY.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REGISTER, STRONG_PASSWORD, uniqueEmail } from '../helpers/fixtures.js';
import { createTestServer, type TestServer } from '../helpers/test-server.js';

const ALLOWED_ORIGIN = 'https://app.example.com';
let server: TestServer;
beforeAll(async () => {
  server = await createTestServer({ CORS_ORIGINS: ALLOWED_ORIGIN, BODY_LIMIT_BYTES: '4096' });
});
afterAll(async () => {
  await server?.close();
});

async function send(init: RequestInit & { path?: string }) {
  const response = await fetch(`${server.url}${init.path ?? '/graphql'}`, init);
  const text = await response.text();
  return { status: response.status, headers: response.headers, text };
}

function expectCleanClientError(result: { status: number; headers: Headers; text: string }, status: number) {
  expect(result.status).toBe(status);
  expect(result.headers.get('content-type')).toMatch(/application\/json/);
  const body = JSON.parse(result.text);
  expect(body.error?.code ?? body.errors?.[0]?.extensions?.code).toBeTruthy();
  expect(result.text).not.toMatch(/ at .*\.(ts|js):\d+|stack|node_modules/);
}

describe('bad request bodies', () => {
  it('answers malformed JSON with 400', async () => {
    const result = await send({ method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": "{ me { id } }"' });
    expectCleanClientError(result, 400);
  });

  it('answers an unsupported content type with 415', async () => {
    const result = await send({ method: 'POST', headers: { 'content-type': 'application/xml' }, body: '<query/>' });
    expectCleanClientError(result, 415);
  });

  it('answers a body over BODY_LIMIT_BYTES with 413', async () => {
    const body = JSON.stringify({ query: '{ me { id } }', variables: { pad: 'x'.repeat(10_000) } });
    const result = await send({ method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expectCleanClientError(result, 413);
  });

  it('answers JSON that is not a GraphQL request with 400', async () => {
    for (const body of ['null', '42', '"query"', '{"query": 5}', '{"query": "{ me { id } }", "variables": "x"}', '{}']) {
      const result = await send({ method: 'POST', headers: { 'content-type': 'application/json' }, body });
      expectCleanClientError(result, 400);
    }
  });

  it('answers an unknown path with a JSON 404', async () => {
    const result = await send({ method: 'GET', path: '/nope' });
    expect(result.status).toBe(404);
    expect(result.headers.get('content-type')).toMatch(/application\/json/);
  });
});

describe('security headers', () => {
  it('sends no-sniff, frame-ancestors none, deny framing and no-referrer; no HSTS over plain http', async () => {
    const { headers } = await send({ method: 'GET', path: '/health' });
    expect(headers.get('x-content-type-options')).toBe('nosniff');
    expect(headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(headers.get('x-frame-options')).toBe('DENY');
    expect(headers.get('referrer-policy')).toBe('no-referrer');
    expect(headers.get('strict-transport-security')).toBeNull();
  });
});

describe('CORS', () => {
  const preflight = (origin: string) =>
    send({
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,authorization' },
    });

  it('allows a listed origin with credentials, never with a wildcard', async () => {
    const result = await preflight(ALLOWED_ORIGIN);
    expect(result.status).toBeLessThan(300);
    expect(result.headers.get('access-control-allow-origin')).toBe(ALLOWED_ORIGIN);
    expect(result.headers.get('access-control-allow-credentials')).toBe('true');
    expect(result.headers.get('access-control-allow-headers')).toContain('authorization');
  });

  it('gives an unlisted origin no CORS grant', async () => {
    for (const origin of ['https://evil.example.com', 'https://app.example.com.evil.test', 'null']) {
      const result = await preflight(origin);
      // Without Access-Control-Allow-Origin the browser refuses, whatever else is sent.
      expect(result.headers.get('access-control-allow-origin')).toBeNull();
    }
    const simple = await send({ method: 'GET', path: '/health', headers: { origin: 'https://evil.example.com' } });
    expect(simple.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('client IP without TRUST_PROXY', () => {
  it('ignores X-Forwarded-For', async () => {
    const headers = { 'x-forwarded-for': '203.0.113.9' };
    const input = { email: uniqueEmail('xff'), password: STRONG_PASSWORD };
    const result = await server.client().request<{ register: any }>(REGISTER, { input }, { headers });
    expect(result.data?.register.session.ipAddress).toBe('127.0.0.1');
  });
});
