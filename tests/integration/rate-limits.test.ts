import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOGIN, REGISTER, STRONG_PASSWORD, registerUser, uniqueEmail } from '../helpers/fixtures.js';
import { createTestServer, type TestServer } from '../helpers/test-server.js';

let server: TestServer;
beforeAll(async () => {
  server = await createTestServer({ LOGIN_MAX_FAILURES_PER_ACCOUNT: '3', REGISTER_MAX_PER_IP: '4' });
});
afterAll(async () => {
  await server?.close();
});

const login = (email: string, password: string) => server.client().request(LOGIN, { input: { email, password } });

describe('rate limits', () => {
  it('blocks an account after repeated failures with RATE_LIMITED and retryAfter, even for the right password', async () => {
    const { email } = await registerUser(server.client());
    for (let i = 0; i < 3; i += 1) {
      expect((await login(email, 'wrong-password-guess')).errors?.[0]?.extensions?.code).toBe('INVALID_CREDENTIALS');
    }
    const blocked = await login(email, STRONG_PASSWORD);
    expect(blocked.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED' });
    const retryAfter = blocked.errors?.[0]?.extensions?.retryAfter;
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(900);
  });

  it('cannot be dodged with aliases: a failed login aborts the rest of the mutation', async () => {
    const { email } = await registerUser(server.client());
    const fields = Array.from({ length: 5 }, (_, i) => `a${i}: login(input: { email: $email, password: "wrong-password-${i}" }) { accessToken }`);
    const result = await server.client().request(`mutation ($email: String!) { ${fields.join('\n')} }`, { email });
    expect(result.data).toBeNull();
    expect(result.errors!.map((e) => e.extensions?.code)).toEqual(['INVALID_CREDENTIALS']);
    // That request counted once: two more failures are allowed, then the account is blocked.
    for (let i = 0; i < 2; i += 1) expect((await login(email, 'wrong-again')).errors?.[0]?.extensions?.code).toBe('INVALID_CREDENTIALS');
    expect((await login(email, 'wrong-again')).errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
  });

  it('resets the failure count after a successful login', async () => {
    const { email } = await registerUser(server.client());
    for (let i = 0; i < 2; i += 1) await login(email, 'wrong-password-guess');
    expect((await login(email, STRONG_PASSWORD)).errors).toBeUndefined();
    for (let i = 0; i < 2; i += 1) await login(email, 'wrong-password-guess');
    expect((await login(email, STRONG_PASSWORD)).errors).toBeUndefined();
  });

  it('limits registrations per IP', async () => {
    const results = [];
    for (let i = 0; i < 3; i += 1) {
      results.push(await server.client().request(REGISTER, { input: { email: uniqueEmail(), password: STRONG_PASSWORD } }));
    }
    // Four registrations per IP: the three earlier tests used three, so one of these passes.
    expect(results.map((r) => r.errors?.[0]?.extensions?.code ?? 'OK')).toEqual(['OK', 'RATE_LIMITED', 'RATE_LIMITED']);
  });
});
