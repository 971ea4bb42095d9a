import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type TestServer } from '../helpers/test-server.js';
import { LOGIN, ME, REGISTER, STRONG_PASSWORD, registerUser, uniqueEmail } from '../helpers/fixtures.js';

let server: TestServer;
beforeAll(async () => {
  server = await createTestServer();
});
afterAll(async () => {
  await server?.close();
});

describe('register', () => {
  it('creates a USER, starts the current session and sets the refresh cookie', async () => {
    const client = server.client({ userAgent: 'vitest-agent' });
    const email = uniqueEmail('Reg');
    const result = await client.request<{ register: any }>(REGISTER, { input: { email: `  ${email} `, password: STRONG_PASSWORD, displayName: '  Ada  ' } });
    expect(result.errors).toBeUndefined();
    const payload = result.data!.register;
    expect(payload.user).toMatchObject({ email, role: 'USER', status: 'ACTIVE', emailVerified: false, displayName: 'Ada' });
    expect(payload.session).toMatchObject({ current: true, userAgent: 'vitest-agent', ipAddress: '127.0.0.1' });
    expect(payload.refreshToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const setCookie = result.headers.get('set-cookie')!;
    expect(setCookie).toContain('__Host-latchkey_refresh=');
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/Secure/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);
    expect(setCookie).toContain('Path=/');
    expect(await client.cookieValue('__Host-latchkey_refresh')).toBe(payload.refreshToken);
  });

  it('refuses a duplicate email case-insensitively with EMAIL_TAKEN', async () => {
    const email = uniqueEmail('dup');
    await registerUser(server.client(), { email });
    const again = await server.client().request(REGISTER, { input: { email: email.toUpperCase(), password: STRONG_PASSWORD } });
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'EMAIL_TAKEN' });
    expect(again.data).toBeNull();
  });

  it('ends two simultaneous registrations of one email in one user and one EMAIL_TAKEN', async () => {
    const email = uniqueEmail('race');
    const results = await Promise.all([0, 1].map(() => server.client().request(REGISTER, { input: { email, password: STRONG_PASSWORD } })));
    const codes = results.map((r) => r.errors?.[0]?.extensions?.code ?? 'OK').sort();
    expect(codes).toEqual(['EMAIL_TAKEN', 'OK']);
  });

  it.each([
    ['short', 'Short1!', 'password'],
    ['common', 'qwerty123456', 'password'],
    ['containing the email', 'margaret.hamilton-1969', 'password'],
    ['too long', 'x'.repeat(129), 'password'],
  ])('refuses a %s password with BAD_USER_INPUT', async (_label, password, field) => {
    const result = await server.client().request(REGISTER, { input: { email: `margaret.hamilton.${Date.now()}@example.com`.replace(/\.\d+@/, '@'), password } });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });

  it.each([['not-an-email'], [`${'a'.repeat(250)}@example.com`], ['']])('refuses the email %j', async (email) => {
    const result = await server.client().request(REGISTER, { input: { email, password: STRONG_PASSWORD } });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'email' });
  });

  it('has no way to choose a role', async () => {
    const result = await server.client().request(REGISTER, { input: { email: uniqueEmail(), password: STRONG_PASSWORD, role: 'ADMIN' } });
    expect(result.status).toBe(400);
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('login', () => {
  it('signs in with any email casing, records lastLoginAt and starts a new session', async () => {
    const registered = await registerUser(server.client());
    const client = server.client();
    const { login } = await client.data<{ login: any }>(LOGIN, { input: { email: registered.email.toUpperCase(), password: STRONG_PASSWORD } });
    expect(login.user.id).toBe(registered.user.id);
    expect(login.user.lastLoginAt).not.toBeNull();
    expect(login.session.id).not.toBe(registered.session.id);
    client.accessToken = login.accessToken;
    const { me } = await client.data<{ me: any }>(ME);
    expect(me.sessions.map((s: any) => s.id).sort()).toEqual([registered.session.id, login.session.id].sort());
    expect(me.sessions.find((s: any) => s.current).id).toBe(login.session.id);
  });

  it('answers an unknown email and a wrong password with the same INVALID_CREDENTIALS', async () => {
    const registered = await registerUser(server.client());
    const wrong = await server.client().request(LOGIN, { input: { email: registered.email, password: 'not-the-password-at-all' } });
    const unknown = await server.client().request(LOGIN, { input: { email: uniqueEmail('ghost'), password: 'not-the-password-at-all' } });
    expect(wrong.errors?.[0]).toEqual(unknown.errors?.[0]);
    expect(wrong.errors?.[0]?.extensions?.code).toBe('INVALID_CREDENTIALS');
  });

  it('rejects an overlong password as INVALID_CREDENTIALS without hashing it', async () => {
    const registered = await registerUser(server.client());
    const result = await server.client().request(LOGIN, { input: { email: registered.email, password: 'p'.repeat(100_000) } });
    expect(result.errors?.[0]?.extensions?.code).toBe('INVALID_CREDENTIALS');
  });
});

describe('me', () => {
  it('is null without a token', async () => {
    const result = await server.client().request<{ me: unknown }>(ME);
    expect(result.errors).toBeUndefined();
    expect(result.data?.me).toBeNull();
  });

  it('is UNAUTHENTICATED with a malformed or forged token', async () => {
    for (const token of ['garbage', 'a.b.c']) {
      const result = await server.client().request(ME, {}, { token });
      expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
  });

  it('never reads a token from the URL', async () => {
    const { accessToken } = await registerUser(server.client());
    const url = `${server.url}/graphql?query=${encodeURIComponent('{ me { id } }')}&access_token=${accessToken}`;
    const response = await fetch(url, { headers: { 'apollo-require-preflight': 'true' } });
    expect(await response.json()).toEqual({ data: { me: null } });
  });
});
