/** The audit log, its atomicity with the changes it records, statistics and retention. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepositories } from '../../src/db/repositories.js';
import { AUDIT, SET_ROLE, SUSPEND, USER, auditFor, loginAs, startServerWithAdmin } from '../helpers/admin-fixtures.js';
import { LOGIN, registerUser } from '../helpers/fixtures.js';
import type { GraphQLClient } from '../helpers/graphql-client.js';
import type { TestServer } from '../helpers/test-server.js';

const BOOTSTRAP_EMAIL = 'audit.admin@example.com';
let server: TestServer;
let admin: GraphQLClient;
let adminId: string;

beforeAll(async () => {
  ({ server, admin, adminId } = await startServerWithAdmin(BOOTSTRAP_EMAIL, { SESSION_CLEANUP_BATCH_SIZE: '7' }));
});
afterAll(async () => {
  await server?.close();
});

describe('auditEvents', () => {
  it('pages newest first with signed cursors and filters', async () => {
    const target = await registerUser(server.client());
    for (const role of ['ADMIN', 'USER', 'ADMIN', 'USER', 'ADMIN'] as const) await admin.data(SET_ROLE, { id: target.user.id, role });
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const { auditEvents }: any = await admin.data(AUDIT, { first: 2, after, filter: { targetUserId: target.user.id, type: 'user.role_changed', actorId: adminId } });
      seen.push(...auditEvents.edges.map((e: any) => e.node.id));
      after = auditEvents.pageInfo.hasNextPage ? auditEvents.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toHaveLength(5);
    expect(seen.map(Number)).toEqual([...seen.map(Number)].sort((a, b) => b - a));
    const all = await auditFor(admin, target.user.id);
    expect(all.map((e: any) => e.type)).toContain('user.registered');
  });

  it('filters by time and rejects tampered cursors and malformed ids', async () => {
    const future = new Date(server.clock.now().getTime() + 60_000).toISOString();
    const { auditEvents } = await admin.data<any>(AUDIT, { filter: { after: future } });
    expect(auditEvents.edges).toEqual([]);
    const page = await admin.data<any>(AUDIT, { first: 1 });
    const cursor: string = page.auditEvents.pageInfo.endCursor;
    const tampered = `${cursor.slice(0, 2)}${cursor[2] === 'A' ? 'B' : 'A'}${cursor.slice(3)}`;
    for (const bad of [tampered, 'garbage', `${cursor}x`]) {
      const result = await admin.request(AUDIT, { after: bad });
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    }
    const yearZero = await admin.request(AUDIT, { filter: { before: '0000-06-01T00:00:00Z' } });
    expect(yearZero.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'before' });
    const yearOne = await admin.data<any>(AUDIT, { first: 1, filter: { after: '0001-01-01T00:00:00.000Z', before: '9999-12-31T23:59:59.999Z' } });
    expect(yearOne.auditEvents.edges).toHaveLength(1);
    const badId = await admin.request(AUDIT, { filter: { actorId: 'nope' } });
    expect(badId.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'actorId' });
    for (const first of [0, 101]) {
      expect((await admin.request(AUDIT, { first })).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    }
  });

  it('records a login with the session it started, its address and agent, at the login stamp', async () => {
    const target = await registerUser(server.client());
    const login = await loginAs(server.client({ userAgent: 'audit-login-agent/1.0' }), target.email);
    const [event] = await auditFor(admin, target.user.id, 'login.succeeded');
    expect(event).toMatchObject({ actorId: target.user.id, targetUserId: target.user.id, ipAddress: '127.0.0.1', userAgent: 'audit-login-agent/1.0' });
    expect(event.metadata).toEqual({ sessionId: login.session.id });
    expect(event.createdAt).toBe(login.user.lastLoginAt);
  });

  it("writes none of a login's changes when one of them fails", async () => {
    const target = await registerUser(server.client());
    const repos = createRepositories(server.app.database.db);
    const now = server.clock.now();
    const times = { createdAt: now, lastUsedAt: now, expiresAt: new Date(now.getTime() + 60_000), absoluteExpiresAt: new Date(now.getTime() + 120_000) };
    const start = (sessionId: string, refreshTokenHash: string) =>
      repos.sessions.startForLogin({
        session: { id: sessionId, userId: target.user.id, userAgent: null, ipAddress: null, ...times },
        refreshTokenHash,
        audit: { type: 'login.succeeded', actorId: target.user.id, targetUserId: target.user.id, metadata: { sessionId }, createdAt: now },
      });
    const first = await start(crypto.randomUUID(), 'atomicity-test-token-hash');
    expect(first.user?.lastLoginAt).toEqual(now);
    const auditBefore = await auditFor(admin, target.user.id, 'login.succeeded');
    // The refresh-token insert collides with the first one's primary key, after the other three writes.
    server.clock.advance(60);
    const failedSession = crypto.randomUUID();
    await expect(start(failedSession, 'atomicity-test-token-hash')).rejects.toThrow();
    expect(await repos.sessions.findManyWithUsers([failedSession])).toEqual([]);
    expect(await auditFor(admin, target.user.id, 'login.succeeded')).toEqual(auditBefore);
    expect((await admin.data<any>(USER, { id: target.user.id })).user.lastLoginAt).toBe(now.toISOString());
  });

  it('loses the audit record when the transaction of its change fails', async () => {
    const target = await registerUser(server.client());
    const repos = createRepositories(server.app.database.db);
    const meta = { now: server.clock.now(), ipAddress: null, userAgent: null };
    const failing = repos.transaction(async (tx) => {
      await tx.users.update(target.user.id, { status: 'SUSPENDED' }, meta.now);
      await tx.audit.record({ type: 'user.suspended', actorId: adminId, targetUserId: target.user.id, createdAt: meta.now });
      throw new Error('simulated failure after the audit record');
    });
    await expect(failing).rejects.toThrow('simulated failure');
    expect(await auditFor(admin, target.user.id, 'user.suspended')).toEqual([]);
    expect((await admin.data<any>(USER, { id: target.user.id })).user.status).toBe('ACTIVE');
  });
});

describe('stats', () => {
  const STATS = '{ stats { totalUsers verifiedUsers suspendedUsers admins activeSessions signupsLast24h signupsLast7d loginsLast24h failedLoginsLast24h } }';

  it('counts users, sessions and sign-ins, using the request clock', async () => {
    const before = (await admin.data<any>(STATS)).stats;
    const fresh = await registerUser(server.client());
    await loginAs(server.client(), fresh.email);
    await server.client().request(LOGIN, { input: { email: fresh.email, password: 'wrong-password-here' } });
    await admin.data(SUSPEND, { id: fresh.user.id });
    const after = (await admin.data<any>(STATS)).stats;
    expect(after.activeSessions).toBe(before.activeSessions);
    const third = await loginAs(server.client(), BOOTSTRAP_EMAIL);
    expect(third.user.id).toBe(adminId);
    expect((await admin.data<any>(STATS)).stats.activeSessions).toBe(before.activeSessions + 1);
    expect(after).toEqual({
      ...before,
      totalUsers: before.totalUsers + 1,
      suspendedUsers: before.suspendedUsers + 1,
      // Two sessions started (registration, login) and both ended by the suspension.
      activeSessions: before.activeSessions,
      signupsLast24h: before.signupsLast24h + 1,
      signupsLast7d: before.signupsLast7d + 1,
      loginsLast24h: before.loginsLast24h + 1,
      failedLoginsLast24h: before.failedLoginsLast24h + 1,
    });
    expect(after.admins).toBeGreaterThanOrEqual(1);

    const start = server.clock.now();
    server.clock.advance(2 * 86_400);
    try {
      await loginAs(admin, BOOTSTRAP_EMAIL);
      const later = (await admin.data<any>(STATS)).stats;
      expect(later).toMatchObject({ signupsLast24h: 0, signupsLast7d: after.signupsLast7d, loginsLast24h: 1, failedLoginsLast24h: 0 });
    } finally {
      server.clock.set(start);
    }
  });
});

describe('audit retention', () => {
  // Last in this file: it deletes the whole log.
  it('deletes only events older than the retention period, in batches; 0 days keeps everything', async () => {
    const reports = server.app.services.adminReports;
    const now = server.clock.now().getTime();
    const total = async () => {
      let count = 0;
      let after: string | null = null;
      do {
        const page: any = (await admin.data<any>(AUDIT, { first: 100, after })).auditEvents;
        count += page.edges.length;
        after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
      } while (after);
      return count;
    };
    const before = await total();
    expect(before).toBeGreaterThan(7);
    expect(await reports.deleteExpiredAuditEvents(new Date(now + 1000 * 86_400_000), 0)).toBe(0);
    expect(await reports.deleteExpiredAuditEvents(new Date(now + 89 * 86_400_000), 90)).toBe(0);
    expect(await total()).toBe(before);
    // (The stats test above signed in with the clock 2 days ahead.)
    expect(await reports.deleteExpiredAuditEvents(new Date(now + 93 * 86_400_000), 90)).toBe(before);
    expect(await total()).toBe(0);
  });
});
