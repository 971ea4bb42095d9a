import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type TestServer } from '../helpers/test-server.js';

let server: TestServer;

beforeAll(async () => {
  server = await createTestServer({ GRAPHQL_LANDING_PAGE: 'false' });
});

afterAll(async () => {
  await server.close();
});

describe('security headers', () => {
  it('are set on GraphQL responses and on plain routes alike', async () => {
    for (const response of [
      await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ me { id } }"}' }),
      await fetch(`${server.url}/health`),
    ]) {
      const csp = response.headers.get('content-security-policy') ?? '';
      for (const directive of ["default-src 'none'", "frame-ancestors 'none'", "base-uri 'none'"]) expect(csp.split(';')).toContain(directive);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(response.headers.get('strict-transport-security')).toMatch(/^max-age=/);
      expect(response.headers.get('cross-origin-embedder-policy')).toBeNull();
      expect(response.headers.get('x-request-id')).toBeTruthy();
    }
  });

  it('leave the CSP off where the Sandbox landing page needs scripts', async () => {
    const sandbox = await createTestServer({ GRAPHQL_LANDING_PAGE: 'true' });
    try {
      const response = await fetch(`${sandbox.url}/health`);
      expect(response.headers.get('content-security-policy')).toBeNull();
      expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    } finally {
      await sandbox.close();
    }
  });
});
