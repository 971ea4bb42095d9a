import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, refreshTokens, sessions, users } from '../../src/db/schema.js';
import { LOGIN, ME, REFRESH, STRONG_PASSWORD, registerUser } from '../helpers/fixtures.js';
import { createTestServer, type TestServer } from '../helpers/test-server.js';

let server: TestServer;
beforeAll(async () => {
  server = await createTestServer({ SESSION_IDLE_TTL_SECONDS: '3600', SESSION_ABSOLUTE_TTL_SECONDS: '10800' });
});
afterAll(async () => {
  await server?.close();
});

const SESSIONS = `query { sessions { id current } }`;
const REVOKE = `mutation Revoke($id: ID!) { revokeSession(id: $id) }`;
const code = (result: { errors?: Array<{ extensions?: Record<string, any> }> }) => result.errors?.[0]?.extensions?.code;

describe('refresh', () => {
  it('rotates the token from the cookie, sets the new cookie and keeps the session', async () => {
    const client = server.client();
    const registered = await registerUser(client);
    server.clock.advance(60);
    const { refresh } = await client.data<{ refresh: any }>(REFRESH);
    expect(refresh.refreshToken).not.toBe(registered.refreshToken);
    expect(refresh.session.id).toBe(registered.session.id);
    expect(refresh.session.current).toBe(true);
    expect(await client.cookieValue('__Host-latchkey_refresh')).toBe(refresh.refreshToken);
    expect(new Date(refresh.session.lastUsedAt).getTime()).toBeGreaterThan(new Date(registered.session.lastUsedAt).getTime());
  });

  it('accepts the token as an argument for non-browser clients', async () => {
    const registered = await registerUser(server.client());
    const other = server.client();
    const { refresh } = await other.data<{ refresh: any }>(REFRESH, { token: registered.refreshToken });
    expect(refresh.user.id).toBe(registered.user.id);
  });

  it('answers INVALID_TOKEN for a missing, malformed or unknown token', async () => {
    for (const token of [undefined, 'nope', 'A'.repeat(43)]) {
      expect(code(await server.client().request(REFRESH, { token }))).toBe('INVALID_TOKEN');
    }
  });

  it('gives concurrent refreshes with one token the same successor (several tabs)', async () => {
    const registered = await registerUser(server.client());
    const results = await Promise.all(
      Array.from({ length: 5 }, () => server.client().request<{ refresh: any }>(REFRESH, { token: registered.refreshToken })),
    );
    for (const result of results) expect(result.errors).toBeUndefined();
    const successors = new Set(results.map((r) => r.data!.refresh.refreshToken));
    expect(successors.size).toBe(1);
    const [successor] = successors;
    const next = await server.client().request(REFRESH, { token: successor });
    expect(next.errors).toBeUndefined();
  });

  it('reads and claims the tokens of simultaneous refreshes of different sessions in one statement each, each rotating its own', async () => {
    const registered = await Promise.all(Array.from({ length: 4 }, () => registerUser(server.client())));
    const meta = { now: server.clock.now(), ipAddress: null, userAgent: null };
    const { result: rotations, statements } = await server.statementsDuring(() =>
      Promise.all(registered.map((r) => server.app.services.sessions.rotate(r.refreshToken, meta))),
    );
    expect(statements.filter((sql) => /from "refresh_tokens"/i.test(sql))).toHaveLength(1);
    expect(statements.filter((sql) => /update "refresh_tokens"/i.test(sql))).toHaveLength(1);
    expect(statements).toHaveLength(2);
    expect(rotations.map((r) => (r.ok ? r.session.id : r.reason))).toEqual(registered.map((r) => r.session.id));
    const successors = rotations.map((r) => (r.ok ? r.refreshToken : null));
    expect(new Set(successors).size).toBe(4);
    for (const [i, successor] of successors.entries()) {
      const { refresh } = await server.client().data<{ refresh: any }>(REFRESH, { token: successor });
      expect(refresh.session.id).toBe(registered[i]!.session.id);
    }
  });

  it('lets only the first of simultaneous claims of one token in a batch win; the others get its successor', async () => {
    const [a, b] = await Promise.all([registerUser(server.client()), registerUser(server.client())]);
    const meta = { now: server.clock.now(), ipAddress: null, userAgent: null };
    const rotate = (token: string) => server.app.services.sessions.rotate(token, meta);
    const rotations = await Promise.all([rotate(a.refreshToken), rotate(b.refreshToken), rotate(a.refreshToken), rotate(a.refreshToken)]);
    const [firstA, onlyB, ...againA] = rotations.map((r) => (r.ok ? r : expect.fail(r.reason)));
    expect(onlyB!.session.id).toBe(b.session.id);
    for (const replay of againA) expect(replay).toMatchObject({ session: { id: a.session.id }, refreshToken: firstA!.refreshToken });
    const rows = await server.app.database.db.select().from(refreshTokens).where(eq(refreshTokens.sessionId, a.session.id));
    expect(rows.map((row) => row.rotatedAt === null)).toEqual(expect.arrayContaining([true, false]));
    expect(rows).toHaveLength(2);
  });

  it('rotates each of several sessions once when their tabs all refresh at the same moment', async () => {
    const registered = await Promise.all(Array.from({ length: 4 }, () => registerUser(server.client())));
    const tabs = registered.flatMap((r) => Array.from({ length: 5 }, () => r));
    const results = await Promise.all(tabs.map((r) => server.client().request<{ refresh: any }>(REFRESH, { token: r.refreshToken })));
    for (const result of results) expect(result.errors).toBeUndefined();
    for (const [i, r] of registered.entries()) {
      const successors = new Set(results.slice(i * 5, i * 5 + 5).map((result) => result.data!.refresh.refreshToken));
      expect(successors.size).toBe(1);
      const rows = await server.app.database.db.select().from(refreshTokens).where(eq(refreshTokens.sessionId, r.session.id));
      expect(rows.filter((row) => row.rotatedAt === null)).toHaveLength(1);
      expect(rows).toHaveLength(2);
    }
  });

  it('revokes the whole session when a rotated token is replayed after the grace window', async () => {
    const client = server.client();
    const registered = await registerUser(client);
    const { refresh } = await client.data<{ refresh: any }>(REFRESH, { token: registered.refreshToken });
    client.accessToken = refresh.accessToken;
    server.clock.advance(11);
    const replay = await server.client().request(REFRESH, { token: registered.refreshToken });
    expect(code(replay)).toBe('INVALID_TOKEN');
    // The legitimate holder's newer tokens die with the session.
    expect(code(await server.client().request(REFRESH, { token: refresh.refreshToken }))).toBe('INVALID_TOKEN');
    expect(code(await client.request(ME))).toBe('UNAUTHENTICATED');
    const [event] = await server.app.database.db.select().from(auditEvents).where(eq(auditEvents.targetUserId, registered.user.id))
      .then((rows) => rows.filter((r) => r.type === 'session.refresh_token_reuse'));
    expect(event?.metadata).toEqual({ sessionId: registered.session.id });
  });

  it('detects replay of a token two generations old', async () => {
    const registered = await registerUser(server.client());
    const first = await server.client().data<{ refresh: any }>(REFRESH, { token: registered.refreshToken });
    server.clock.advance(20);
    const second = await server.client().data<{ refresh: any }>(REFRESH, { token: first.refresh.refreshToken });
    server.clock.advance(20);
    expect(code(await server.client().request(REFRESH, { token: registered.refreshToken }))).toBe('INVALID_TOKEN');
    expect(code(await server.client().request(REFRESH, { token: second.refresh.refreshToken }))).toBe('INVALID_TOKEN');
  });

  it('ends a session that was idle longer than the idle lifetime', async () => {
    const registered = await registerUser(server.client());
    server.clock.advance(3601);
    expect(code(await server.client().request(REFRESH, { token: registered.refreshToken }))).toBe('INVALID_TOKEN');
  });

  it('writes a renewal at most once per renewal interval, and still refuses a revoked session in between', async () => {
    const client = server.client();
    const registered = await registerUser(client);
    const sessionRow = async () => {
      const [row] = await server.app.database.db.select().from(sessions).where(eq(sessions.id, registered.session.id));
      return row!;
    };
    const written = await sessionRow();
    server.clock.advance(59);
    const early = (await client.data<{ refresh: any }>(REFRESH)).refresh;
    // Rotated, but the session row is as it was: same last use, same expiry, in the answer and in the database.
    expect(early.refreshToken).not.toBe(registered.refreshToken);
    expect(early.session.lastUsedAt).toBe(registered.session.lastUsedAt);
    expect(early.refreshTokenExpiresAt).toBe(registered.refreshTokenExpiresAt);
    expect(await sessionRow()).toEqual(written);
    server.clock.advance(1);
    const due = (await client.data<{ refresh: any }>(REFRESH)).refresh;
    expect(new Date(due.session.lastUsedAt).getTime()).toBe(server.clock.now().getTime());
    expect(new Date(due.refreshTokenExpiresAt).getTime()).toBe(server.clock.now().getTime() + 3_600_000);
    expect((await sessionRow()).expiresAt.getTime()).toBe(server.clock.now().getTime() + 3_600_000);
    // Between renewals the session is still checked: once revoked, a refresh is refused.
    server.clock.advance(1);
    await server.app.database.db.update(sessions).set({ revokedAt: server.clock.now() }).where(eq(sessions.id, registered.session.id));
    expect(code(await client.request(REFRESH))).toBe('INVALID_TOKEN');
  });

  it('ends a session at its absolute lifetime even when refreshed regularly', async () => {
    let { refreshToken } = await registerUser(server.client());
    for (let i = 0; i < 5; i += 1) {
      server.clock.advance(2000);
      const { refresh } = await server.client().data<{ refresh: any }>(REFRESH, { token: refreshToken });
      refreshToken = refresh.refreshToken;
      expect(new Date(refresh.refreshTokenExpiresAt).getTime()).toBeLessThanOrEqual(server.clock.now().getTime() + 10_800_000);
    }
    server.clock.advance(1000); // 11,000 s after sign-in: past the 10,800 s absolute lifetime
    expect(code(await server.client().request(REFRESH, { token: refreshToken }))).toBe('INVALID_TOKEN');
  });

  it('refuses a suspended account with ACCOUNT_SUSPENDED and cuts its access token', async () => {
    const client = server.client();
    const registered = await registerUser(client);
    await server.app.database.db.update(users).set({ status: 'SUSPENDED' }).where(eq(users.id, registered.user.id));
    expect(code(await client.request(ME))).toBe('UNAUTHENTICATED');
    expect(code(await server.client().request(REFRESH, { token: registered.refreshToken }))).toBe('ACCOUNT_SUSPENDED');
    const login = await server.client().request(LOGIN, { input: { email: registered.email, password: STRONG_PASSWORD } });
    expect(code(login)).toBe('ACCOUNT_SUSPENDED');
    const wrong = await server.client().request(LOGIN, { input: { email: registered.email, password: 'definitely-wrong-pass' } });
    expect(code(wrong)).toBe('INVALID_CREDENTIALS');
  });
});

describe('access tokens on requests', () => {
  it('says TOKEN_EXPIRED once the access token has expired', async () => {
    const client = server.client();
    await registerUser(client);
    server.clock.advance(901);
    const result = await client.request(SESSIONS);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'TOKEN_EXPIRED' });
  });

  it('needs a token for sessions and the session mutations', async () => {
    for (const query of [SESSIONS, `mutation { logout }`, `mutation { revokeOtherSessions }`]) {
      expect(code(await server.client().request(query))).toBe('UNAUTHENTICATED');
    }
  });
});

describe('logout and revocation', () => {
  it('logout ends the session at once, clears the cookie and kills the refresh token', async () => {
    const client = server.client();
    const registered = await registerUser(client);
    const result = await client.request<{ logout: boolean }>(`mutation { logout }`);
    expect(result.data?.logout).toBe(true);
    expect(result.headers.get('set-cookie')).toMatch(/__Host-latchkey_refresh=;.*Expires=Thu, 01 Jan 1970/);
    expect(code(await client.request(SESSIONS))).toBe('UNAUTHENTICATED');
    expect(code(await server.client().request(REFRESH, { token: registered.refreshToken }))).toBe('INVALID_TOKEN');
  });

  it('revokeSession ends another of my sessions and its access token at once', async () => {
    const laptop = server.client();
    const registered = await registerUser(laptop);
    const phone = server.client();
    const { login } = await phone.data<{ login: any }>(LOGIN, { input: { email: registered.email, password: STRONG_PASSWORD } });
    phone.accessToken = login.accessToken;
    const revoked = await laptop.data<{ revokeSession: boolean }>(REVOKE, { id: login.session.id });
    expect(revoked.revokeSession).toBe(true);
    expect(code(await phone.request(SESSIONS))).toBe('UNAUTHENTICATED');
    const { sessions: remaining } = await laptop.data<{ sessions: any[] }>(SESSIONS);
    expect(remaining).toEqual([{ id: registered.session.id, current: true }]);
    expect((await laptop.data<{ revokeSession: boolean }>(REVOKE, { id: login.session.id })).revokeSession).toBe(false);
  });

  it('revokeOtherSessions keeps only the current session', async () => {
    const main = server.client();
    const registered = await registerUser(main);
    for (let i = 0; i < 3; i += 1) await server.client().data(LOGIN, { input: { email: registered.email, password: STRONG_PASSWORD } });
    const { revokeOtherSessions } = await main.data<{ revokeOtherSessions: number }>(`mutation { revokeOtherSessions }`);
    expect(revokeOtherSessions).toBe(3);
    expect((await main.data<{ sessions: any[] }>(SESSIONS)).sessions).toHaveLength(1);
  });

  it("never lets one user see or revoke another user's session", async () => {
    const alice = server.client();
    await registerUser(alice);
    const bob = server.client();
    const bobRegistered = await registerUser(bob);
    const attempt = await alice.data<{ revokeSession: boolean }>(REVOKE, { id: bobRegistered.session.id });
    expect(attempt.revokeSession).toBe(false);
    expect((await bob.data<{ sessions: any[] }>(SESSIONS)).sessions).toHaveLength(1);
    const aliceSessions = (await alice.data<{ sessions: any[] }>(SESSIONS)).sessions.map((s) => s.id);
    expect(aliceSessions).not.toContain(bobRegistered.session.id);
  });

  it('treats a malformed session id as a miss, not an error', async () => {
    const client = server.client();
    await registerUser(client);
    expect((await client.data<{ revokeSession: boolean }>(REVOKE, { id: 'not-a-uuid' })).revokeSession).toBe(false);
    expect(code(await client.request(REVOKE, { id: 'x'.repeat(65) }))).toBe('BAD_USER_INPUT');
  });
});

describe('cleanup', () => {
  it('deletes only sessions that ended before the retention cutoff', async () => {
    const db = server.app.database.db;
    const live = await registerUser(server.client());
    const revoked = await registerUser(server.client());
    const revokedClient = server.client();
    revokedClient.accessToken = revoked.accessToken;
    await revokedClient.data(`mutation { logout }`);
    const idle = await registerUser(server.client());
    // Only `live` is refreshed as time passes; `idle` expires; `revoked` ended at logout.
    let token = live.refreshToken;
    for (let i = 0; i < 3; i += 1) {
      server.clock.advance(3000);
      token = (await server.client().data<{ refresh: any }>(REFRESH, { token })).refresh.refreshToken;
    }
    const retention = server.config.sessions.cleanupRetentionSeconds;
    const deletedNow = await server.app.services.sessions.deleteEnded(server.clock.now());
    expect(deletedNow).toBe(0);
    const later = new Date(server.clock.now().getTime() + retention * 1000);
    const ids = [live, revoked, idle].map((u) => u.session.id);
    await server.app.services.sessions.deleteEnded(later);
    const remaining = (await db.select({ id: sessions.id }).from(sessions)).map((r) => r.id);
    expect(ids.filter((id) => remaining.includes(id))).toEqual([live.session.id]);
  });
});

describe('the session check of an authenticated request', () => {
  it('reads the session and its user in one statement that leaves the password hash out', async () => {
    const client = server.client();
    const registered = await registerUser(client);
    const { result, statements } = await server.statementsDuring(() =>
      client.request<{ me: any }>(`query { me { id email role emailVerified createdAt } }`),
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.me).toMatchObject({ id: registered.user.id, email: registered.user.email, role: 'USER' });
    expect(statements).toHaveLength(1);
    expect(statements[0]).toMatch(/"sessions"/);
    expect(statements[0]).not.toMatch(/password_hash/);
  });

  it('a refresh reads no password hash either, in any of its statements', async () => {
    const registered = await registerUser(server.client());
    const { result, statements } = await server.statementsDuring(() =>
      server.client().request<{ refresh: any }>(REFRESH, { token: registered.refreshToken }),
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.refresh.user.id).toBe(registered.user.id);
    expect(statements.length).toBeGreaterThan(0);
    for (const statement of statements) expect(statement).not.toMatch(/password_hash/);
  });

  it("a refresh's token lookup reads only what the rotation checks, not the session's other columns", async () => {
    const registered = await registerUser(server.client());
    const { result, statements } = await server.statementsDuring(() =>
      server.client().request<{ refresh: any }>(REFRESH, { token: registered.refreshToken }),
    );
    expect(result.errors).toBeUndefined();
    const lookup = statements.find((statement) => /^select/i.test(statement.trim()) && /"refresh_tokens"/.test(statement));
    expect(lookup).toBeDefined();
    for (const column of ['user_agent', 'ip_address', 'last_used_at', 'revoked_reason', 'created_at']) expect(lookup).not.toMatch(new RegExp(`"${column}"`));
    expect(lookup).toMatch(/"absolute_expires_at"/);
  });
});
