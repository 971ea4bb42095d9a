/** With TRUST_PROXY naming the proxy, the client IP comes from X-Forwarded-For, for sessions and per-IP limits alike. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOGIN, REGISTER, STRONG_PASSWORD, uniqueEmail } from '../helpers/fixtures.js';
import { createTestServer, type TestServer } from '../helpers/test-server.js';

let server: TestServer;
beforeAll(async () => {
  server = await createTestServer({ TRUST_PROXY: '127.0.0.1', LOGIN_MAX_FAILURES_PER_IP: '2' });
});
afterAll(async () => {
  await server?.close();
});

describe('TRUST_PROXY', () => {
  it('records the forwarded client IP', async () => {
    const input = { email: uniqueEmail('proxied'), password: STRONG_PASSWORD };
    const result = await server.client().request<{ register: any }>(REGISTER, { input }, { headers: { 'x-forwarded-for': '203.0.113.9' } });
    expect(result.data?.register.session.ipAddress).toBe('203.0.113.9');
  });

  it('keys per-IP limits by the forwarded IP', async () => {
    const attempt = (ip: string) =>
      server.client().request(LOGIN, { input: { email: uniqueEmail('nobody'), password: 'wrong-password-123' } }, { headers: { 'x-forwarded-for': ip } });
    expect((await attempt('198.51.100.1')).errors?.[0]?.extensions?.code).toBe('INVALID_CREDENTIALS');
    expect((await attempt('198.51.100.1')).errors?.[0]?.extensions?.code).toBe('INVALID_CREDENTIALS');
    const blocked = await attempt('198.51.100.1');
    expect(blocked.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfter: expect.any(Number) });
    expect((await attempt('198.51.100.2')).errors?.[0]?.extensions?.code).toBe('INVALID_CREDENTIALS');
  });
});
