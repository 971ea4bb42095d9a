/** The global per-IP ceiling on GraphQL requests and the per-IP limits of register and login. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOGIN, ME, REGISTER, STRONG_PASSWORD, uniqueEmail } from '../helpers/fixtures.js';
import { createTestServer, type TestServer } from '../helpers/test-server.js';

let server: TestServer;
beforeAll(async () => {
  server = await createTestServer({ GLOBAL_MAX_PER_IP: '12', REGISTER_MAX_PER_IP: '2', LOGIN_MAX_FAILURES_PER_IP: '3' });
});
afterAll(async () => {
  await server?.close();
});

describe('per-IP limits', () => {
  it('limits registrations per IP, counting each aliased field', async () => {
    const field = (i: number) => `r${i}: register(input: { email: "${uniqueEmail(`ip${i}`)}", password: "${STRONG_PASSWORD}" }) { accessToken }`;
    const result = await server.client().request(`mutation { ${[0, 1, 2].map(field).join(' ')} }`);
    // r0 and r1 ran and counted; r2 is the third field execution and is refused.
    expect(result.errors?.map((e) => [e.path?.[0], e.extensions?.code])).toEqual([['r2', 'RATE_LIMITED']]);
    const single = await server.client().request(REGISTER, { input: { email: uniqueEmail('ip'), password: STRONG_PASSWORD } });
    expect(single.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
  });

  it('limits login failures per IP across accounts', async () => {
    for (let i = 0; i < 3; i += 1) {
      const attempt = await server.client().request(LOGIN, { input: { email: uniqueEmail(`x${i}`), password: 'wrong-pass-1' } });
      expect(attempt.errors?.[0]?.extensions?.code).toBe('INVALID_CREDENTIALS');
    }
    const fresh = await server.client().request(LOGIN, { input: { email: uniqueEmail('y'), password: 'wrong-pass-1' } });
    expect(fresh.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
  });

  it('answers requests over the global ceiling with 429, Retry-After and RATE_LIMITED', async () => {
    let last = await server.client().request(ME);
    for (let i = 0; i < 12 && last.status !== 429; i += 1) last = await server.client().request(ME);
    expect(last.status).toBe(429);
    expect(Number(last.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(last.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfter: expect.any(Number) });
    const health = await fetch(`${server.url}/health`);
    expect(health.status).toBe(200);
  });
});

