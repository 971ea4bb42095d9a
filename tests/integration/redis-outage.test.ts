/**
 * A server configured with REDIS_URL whose Redis is unreachable: it starts, logins keep working,
 * and the limits still apply from memory (a Redis outage never opens the gates).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOGIN, STRONG_PASSWORD, registerUser } from '../helpers/fixtures.js';
import { freePort } from '../helpers/ports.js';
import { createTestServer, type TestServer } from '../helpers/test-server.js';

let server: TestServer;
beforeAll(async () => {
  server = await createTestServer({ REDIS_URL: `redis://127.0.0.1:${await freePort()}`, REDIS_COMMAND_TIMEOUT_MS: '100', LOGIN_MAX_FAILURES_PER_ACCOUNT: '3' });
});
afterAll(async () => {
  await server?.close();
});

describe('Redis unreachable', () => {
  it('keeps sign-up and sign-in working and still enforces the login limit', async () => {
    const { email } = await registerUser(server.client());
    const ok = await server.client().request(LOGIN, { input: { email, password: STRONG_PASSWORD } });
    expect(ok.errors).toBeUndefined();
    const codes = [];
    for (let i = 0; i < 4; i += 1) {
      const attempt = await server.client().request(LOGIN, { input: { email, password: 'wrong-password-here' } });
      codes.push(attempt.errors?.[0]?.extensions?.code);
    }
    expect(codes).toEqual(['INVALID_CREDENTIALS', 'INVALID_CREDENTIALS', 'INVALID_CREDENTIALS', 'RATE_LIMITED']);
  });
});
