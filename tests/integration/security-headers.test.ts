import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type TestServer } from '../helpers/test-server.js';

let server: TestServer;

beforeAll(async () => {
  server = await createTestServer({ GRAPHQL_LANDING_PAGE: 'false', HSTS: 'true' });
});

afterAll(async () => {
  await server.close();
});

const directives = (response: Response) => (response.headers.get('content-security-policy') ?? '').split(';');

describe('security headers (helmet, built once at start-up)', () => {
  it('are the same on GraphQL responses and on plain routes, request after request', async () => {
    const responses: Response[] = [];
    for (let i = 0; i < 3; i += 1) {
      responses.push(
        await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ me { id } }"}' }),
        await fetch(`${server.url}/health`),
      );
    }
    for (const response of responses) {
      for (const directive of ["default-src 'none'", "frame-ancestors 'none'", "base-uri 'none'"]) expect(directives(response)).toContain(directive);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(response.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
      expect(response.headers.get('cross-origin-embedder-policy')).toBeNull();
      expect(response.headers.get('cache-control')).toBe('no-store');
    }
  });

  it('leave routes that are meant to be cached their own cache-control', async () => {
    const jwks = await fetch(`${server.url}/.well-known/jwks.json`);
    expect(jwks.headers.get('cache-control')).toBe('public, max-age=300');
    expect(jwks.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('let the Sandbox landing page load its scripts but still forbid framing', async () => {
    const sandbox = await createTestServer({ GRAPHQL_LANDING_PAGE: 'true' });
    try {
      const response = await fetch(`${sandbox.url}/health`);
      expect(directives(response)).toContain("frame-ancestors 'none'");
      expect(directives(response)).not.toContain("default-src 'none'");
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('strict-transport-security')).toBeNull();
    } finally {
      await sandbox.close();
    }
  });
});
