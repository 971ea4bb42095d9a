import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DELETE, REVOKE, SET_ROLE, SUSPEND, UNSUSPEND, UPDATE, USER, auditFor, loginAs, startServerWithAdmin, outcome } from '../helpers/admin-fixtures.js';
import { LOGIN, ME, REFRESH, STRONG_PASSWORD, registerUser, uniqueEmail } from '../helpers/fixtures.js';
import type { GraphQLClient } from '../helpers/graphql-client.js';
import type { TestServer } from '../helpers/test-server.js';

const BOOTSTRAP_EMAIL = 'root.admin@example.com';
let server: TestServer;
let admin: GraphQLClient;
let adminId: string;

beforeAll(async () => {
  ({ server, admin, adminId } = await startServerWithAdmin(BOOTSTRAP_EMAIL));
});
afterAll(async () => {
  await server?.close();
});

describe('bootstrap administrator', () => {
  it('was created at start-up as a verified, active ADMIN and audited', async () => {
    const { user } = await admin.data<{ user: any }>(USER, { id: adminId });
    expect(user).toMatchObject({ email: BOOTSTRAP_EMAIL, role: 'ADMIN', status: 'ACTIVE', emailVerified: true });
    const [created] = await auditFor(admin, adminId, 'user.created_by_admin');
    expect(created).toMatchObject({ actorId: null, metadata: { role: 'ADMIN', via: 'bootstrap' } });
  });

  it('does nothing once an administrator exists', async () => {
    const meta = { now: server.clock.now(), ipAddress: null, userAgent: null };
    const input = { email: uniqueEmail('late'), password: STRONG_PASSWORD, via: 'bootstrap' };
    expect(await server.app.services.adminAccounts.bootstrapAdmin(input, meta)).toEqual({ action: 'skipped', reason: 'ADMIN_EXISTS' });
  });
});

describe('every administration field', () => {
  const operations: Array<[string, string, (id: string) => Record<string, unknown>]> = [
    ['user', USER, (id) => ({ id })],
    ['users', '{ users(first: 5) { edges { node { id } } pageInfo { hasNextPage } } }', () => ({})],
    ['stats', '{ stats { totalUsers admins } }', () => ({})],
    ['auditEvents', '{ auditEvents(first: 5) { edges { node { id type } } } }', () => ({})],
    ['updateUser', UPDATE, (id) => ({ id, input: { displayName: 'Renamed' } })],
    ['setUserRole', SET_ROLE, (id) => ({ id, role: 'USER' })],
    ['suspendUser', SUSPEND, (id) => ({ id })],
    ['unsuspendUser', UNSUSPEND, (id) => ({ id })],
    ['revokeUserSessions', REVOKE, (id) => ({ id })],
    ['deleteUser', DELETE, (id) => ({ id })],
  ];

  it.each(operations)('%s: UNAUTHENTICATED anonymous, FORBIDDEN for a user, allowed for an admin', async (_name, query, variables) => {
    const victim = await registerUser(server.client(), { displayName: 'Victim' });
    const user = await registerUser(server.client());
    const anonymous = await server.client().request(query, variables(victim.user.id));
    expect(outcome(anonymous)).toBe('UNAUTHENTICATED');
    const asUser = await server.client().request(query, variables(victim.user.id), { token: user.accessToken });
    expect(outcome(asUser)).toBe('FORBIDDEN');
    const expired = await server.client().request(query, variables(victim.user.id), { token: 'not.a.token' });
    expect(outcome(expired)).toBe('UNAUTHENTICATED:TOKEN_INVALID');
    // Refused calls changed nothing.
    const { user: untouched } = await admin.data<{ user: any }>(USER, { id: victim.user.id });
    expect(untouched).toMatchObject({ displayName: 'Victim', status: 'ACTIVE', role: 'USER' });
    expect(untouched.sessions).toHaveLength(1);
    const asAdmin = await admin.request(query, variables(victim.user.id));
    expect(asAdmin.errors).toBeUndefined();
  });
});

describe('user', () => {
  it('returns any user with their sessions, and null for an unknown or malformed id', async () => {
    const victim = await registerUser(server.client());
    const { user } = await admin.data<{ user: any }>(USER, { id: victim.user.id });
    expect(user).toMatchObject({ id: victim.user.id, email: victim.email });
    expect(user.sessions.map((s: any) => s.id)).toEqual([victim.session.id]);
    for (const id of ['00000000-0000-4000-8000-000000000000', 'nope']) {
      expect((await admin.data<{ user: unknown }>(USER, { id })).user).toBeNull();
    }
  });
});

describe('setUserRole', () => {
  it('promotes and demotes, auditing each change once', async () => {
    const target = await registerUser(server.client());
    expect((await admin.data<any>(SET_ROLE, { id: target.user.id, role: 'ADMIN' })).setUserRole.role).toBe('ADMIN');
    // The promoted user is an admin from their next request on.
    const promoted = await server.client().request('{ stats { admins } }', {}, { token: target.accessToken });
    expect(promoted.errors).toBeUndefined();
    await admin.data(SET_ROLE, { id: target.user.id, role: 'ADMIN' });
    expect((await admin.data<any>(SET_ROLE, { id: target.user.id, role: 'USER' })).setUserRole.role).toBe('USER');
    const events = await auditFor(admin, target.user.id, 'user.role_changed');
    expect(events.map((e: any) => e.metadata)).toEqual([{ from: 'ADMIN', to: 'USER' }, { from: 'USER', to: 'ADMIN' }]);
    expect(events[0]).toMatchObject({ actorId: adminId, ipAddress: '127.0.0.1' });
  });

  it('refuses an admin changing their own role', async () => {
    const result = await admin.request(SET_ROLE, { id: adminId, role: 'USER' });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'SELF' });
    expect((await admin.data<any>(USER, { id: adminId })).user.role).toBe('ADMIN');
  });

  it('answers NOT_FOUND for an unknown or malformed id', async () => {
    for (const id of ['00000000-0000-4000-8000-000000000000', 'x']) {
      expect(outcome(await admin.request(SET_ROLE, { id, role: 'ADMIN' }))).toBe('NOT_FOUND');
    }
  });
});

describe('suspendUser', () => {
  it('cuts the access token and the refresh token at once, and blocks sign-in until unsuspended', async () => {
    const victimClient = server.client();
    const victim = await registerUser(victimClient);
    const second = await loginAs(server.client(), victim.email);
    expect(outcome(await victimClient.request(ME))).toBe('OK');

    const suspended = await admin.data<any>(SUSPEND, { id: victim.user.id, reason: '  spam  ' });
    expect(suspended.suspendUser.status).toBe('SUSPENDED');

    expect(outcome(await victimClient.request(ME))).toBe('UNAUTHENTICATED:SESSION_ENDED');
    expect(outcome(await server.client().request(ME, {}, { token: second.accessToken }))).toBe('UNAUTHENTICATED:SESSION_ENDED');
    expect(outcome(await victimClient.request(REFRESH))).toBe('INVALID_TOKEN');
    expect(outcome(await server.client().request(REFRESH, { token: second.refreshToken }))).toBe('INVALID_TOKEN');
    const login = await server.client().request(LOGIN, { input: { email: victim.email, password: STRONG_PASSWORD } });
    expect(outcome(login)).toBe('ACCOUNT_SUSPENDED');
    const [event] = await auditFor(admin, victim.user.id, 'user.suspended');
    expect(event).toMatchObject({ actorId: adminId, metadata: { reason: 'spam', sessionsRevoked: 2 } });

    expect((await admin.data<any>(UNSUSPEND, { id: victim.user.id })).unsuspendUser.status).toBe('ACTIVE');
    expect(await auditFor(admin, victim.user.id, 'user.unsuspended')).toHaveLength(1);
    // Old sessions stay ended; signing in works again.
    expect(outcome(await victimClient.request(ME))).toBe('UNAUTHENTICATED:SESSION_ENDED');
    await loginAs(server.client(), victim.email);
  });

  it('refuses suspending oneself and rejects a bad reason', async () => {
    expect(outcome(await admin.request(SUSPEND, { id: adminId }))).toBe('FORBIDDEN:SELF');
    const victim = await registerUser(server.client());
    const long = await admin.request(SUSPEND, { id: victim.user.id, reason: 'x'.repeat(501) });
    expect(long.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    const control = await admin.request(SUSPEND, { id: victim.user.id, reason: 'a\u0000b' });
    expect(control.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    expect(outcome(await server.client().request(ME, {}, { token: victim.accessToken }))).toBe('OK');
  });
});

describe('updateUser', () => {
  it('changes name and email; a new email is unverified; the change is audited', async () => {
    const target = await registerUser(server.client(), { displayName: 'Old' });
    const email = uniqueEmail('renamed');
    const { updateUser } = await admin.data<any>(UPDATE, { id: target.user.id, input: { displayName: ' New Name ', email } });
    expect(updateUser).toMatchObject({ displayName: 'New Name', email, emailVerified: false });
    const { updateUser: verified } = await admin.data<any>(UPDATE, { id: target.user.id, input: { emailVerified: true, displayName: null } });
    expect(verified).toMatchObject({ emailVerified: true, displayName: null });
    const events = await auditFor(admin, target.user.id, 'user.updated');
    expect(events.map((e: any) => e.metadata)).toEqual([
      { changed: ['displayName', 'emailVerified'] },
      { changed: ['displayName', 'email'], previousEmail: target.email, email },
    ]);
    await loginAs(server.client(), email);
  });

  it('refuses an email that belongs to another account, whatever its case', async () => {
    const a = await registerUser(server.client());
    const b = await registerUser(server.client());
    const result = await admin.request(UPDATE, { id: a.user.id, input: { email: b.email.toUpperCase() } });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'EMAIL_TAKEN', field: 'email' });
  });

  it.each([
    [{ email: 'not-an-email' }, 'email'],
    [{ email: null }, 'email'],
    [{ emailVerified: null }, 'emailVerified'],
    [{ displayName: '' }, 'displayName'],
  ])('rejects %j as BAD_USER_INPUT', async (input, field) => {
    const target = await registerUser(server.client());
    const result = await admin.request(UPDATE, { id: target.user.id, input });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });

  it('answers NOT_FOUND for an unknown id', async () => {
    expect(outcome(await admin.request(UPDATE, { id: '00000000-0000-4000-8000-000000000000', input: { displayName: 'x' } }))).toBe('NOT_FOUND');
  });
});

describe('deleteUser', () => {
  it('deletes the account and its sessions; the audit log keeps the record', async () => {
    const target = await registerUser(server.client());
    expect((await admin.data<any>(DELETE, { id: target.user.id })).deleteUser).toBe(true);
    expect((await admin.data<any>(USER, { id: target.user.id })).user).toBeNull();
    expect(outcome(await server.client().request(ME, {}, { token: target.accessToken }))).toBe('UNAUTHENTICATED:SESSION_ENDED');
    const [event] = await auditFor(admin, target.user.id, 'user.deleted');
    expect(event).toMatchObject({ actorId: adminId, metadata: { email: target.email, role: 'USER' } });
    expect(outcome(await admin.request(DELETE, { id: target.user.id }))).toBe('NOT_FOUND');
  });

  it('refuses deleting oneself', async () => {
    expect(outcome(await admin.request(DELETE, { id: adminId }))).toBe('FORBIDDEN:SELF');
  });
});

describe('revokeUserSessions', () => {
  it('ends every session of the user and counts them', async () => {
    const target = await registerUser(server.client());
    const other = await loginAs(server.client(), target.email);
    expect((await admin.data<any>(REVOKE, { id: target.user.id })).revokeUserSessions).toBe(2);
    for (const token of [target.accessToken, other.accessToken]) {
      expect(outcome(await server.client().request(ME, {}, { token }))).toBe('UNAUTHENTICATED:SESSION_ENDED');
    }
    expect((await admin.data<any>(REVOKE, { id: target.user.id })).revokeUserSessions).toBe(0);
    const events = await auditFor(admin, target.user.id, 'user.sessions_revoked');
    expect(events.map((e: any) => e.metadata)).toEqual([{ count: 2 }]);
  });
});
