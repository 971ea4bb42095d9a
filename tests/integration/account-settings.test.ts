import { eq, or, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, oneTimeTokens, refreshTokens, sessions, users } from '../../src/db/schema.js';
import {
  CHANGE_PASSWORD,
  DELETE_ACCOUNT,
  ME_ACCOUNT,
  NEW_PASSWORD,
  REQUEST_EMAIL_CHANGE,
  REQUEST_RESET,
  UPDATE_PROFILE,
  errorOf,
} from '../helpers/account-fixtures.js';
import { LOGIN, ME, REGISTER, STRONG_PASSWORD, registerUser, uniqueEmail } from '../helpers/fixtures.js';
import { createMailTestServer } from '../helpers/mail-test-server.js';
import type { SmtpSink } from '../helpers/smtp-sink.js';
import type { TestServer } from '../helpers/test-server.js';

let sink: SmtpSink;
let server: TestServer;
let stop: (() => Promise<void>) | undefined;

beforeAll(async () => {
  ({ server, sink, close: stop } = await createMailTestServer({ LOGIN_MAX_FAILURES_PER_ACCOUNT: '3' }));
});
afterAll(() => stop?.());

async function signIn(email: string, password = STRONG_PASSWORD) {
  const client = server.client();
  const { login } = await client.data<{ login: any }>(LOGIN, { input: { email, password } });
  client.accessToken = login.accessToken;
  return client;
}

describe('changePassword', () => {
  it('keeps only the current session, accepts the new password and mails a notice', async () => {
    const current = server.client();
    const { email } = await registerUser(current);
    const others = [await signIn(email), await signIn(email)];
    expect(await current.data(CHANGE_PASSWORD, { currentPassword: STRONG_PASSWORD, newPassword: NEW_PASSWORD })).toEqual({ changePassword: true });
    const { me } = await current.data<{ me: any }>(ME);
    expect(me.sessions).toHaveLength(1);
    expect(me.sessions[0].current).toBe(true);
    for (const other of others) expect(errorOf(await other.request(ME))).toMatchObject({ code: 'UNAUTHENTICATED' });
    await signIn(email, NEW_PASSWORD);
    expect(errorOf(await server.client().request(LOGIN, { input: { email, password: STRONG_PASSWORD } }))).toMatchObject({ code: 'INVALID_CREDENTIALS' });
    const notice = await sink.waitForMail(email, (m) => m.subject.includes('password was changed'));
    expect(notice.html).toContain('<p>');
  });

  it('counts a wrong current password as a failed sign-in', async () => {
    const client = server.client();
    const { email } = await registerUser(client);
    for (let i = 0; i < 3; i += 1) {
      const wrong = await client.request(CHANGE_PASSWORD, { currentPassword: `wrong-password-${i}`, newPassword: NEW_PASSWORD });
      expect(errorOf(wrong)).toMatchObject({ code: 'INVALID_CREDENTIALS', field: 'currentPassword' });
    }
    expect(errorOf(await server.client().request(LOGIN, { input: { email, password: STRONG_PASSWORD } }))).toMatchObject({ code: 'RATE_LIMITED' });
  });

  it('applies the password policy and needs a signed-in user', async () => {
    const client = server.client();
    await registerUser(client);
    const weak = await client.request(CHANGE_PASSWORD, { currentPassword: STRONG_PASSWORD, newPassword: 'password1234' });
    expect(errorOf(weak)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'newPassword' });
    const anonymous = await server.client().request(CHANGE_PASSWORD, { currentPassword: STRONG_PASSWORD, newPassword: NEW_PASSWORD });
    expect(errorOf(anonymous)).toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});

describe('updateProfile', () => {
  it('trims the display name, removes it with null and leaves it alone when omitted', async () => {
    const client = server.client();
    await registerUser(client, { displayName: 'Old' });
    const renamed = await client.data<{ updateProfile: any }>(UPDATE_PROFILE, { input: { displayName: '  Grace  ' } });
    expect(renamed.updateProfile.displayName).toBe('Grace');
    const untouched = await client.data<{ updateProfile: any }>(UPDATE_PROFILE, { input: {} });
    expect(untouched.updateProfile.displayName).toBe('Grace');
    const cleared = await client.data<{ updateProfile: any }>(UPDATE_PROFILE, { input: { displayName: null } });
    expect(cleared.updateProfile.displayName).toBeNull();
  });

  it.each([[''], ['   '], ['x'.repeat(65)], ['bell\u0007']])('refuses the display name %j', async (displayName) => {
    const client = server.client();
    await registerUser(client);
    expect(errorOf(await client.request(UPDATE_PROFILE, { input: { displayName } }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'displayName' });
  });

  it('needs a signed-in user', async () => {
    expect(errorOf(await server.client().request(UPDATE_PROFILE, { input: { displayName: 'X' } }))).toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});

describe('deleteAccount', () => {
  it('refuses a wrong password and deletes nothing', async () => {
    const client = server.client();
    await registerUser(client);
    expect(errorOf(await client.request(DELETE_ACCOUNT, { password: 'not-the-password-at-all' }))).toMatchObject({ code: 'INVALID_CREDENTIALS', field: 'password' });
    expect((await client.data<{ me: any }>(ME_ACCOUNT)).me).not.toBeNull();
  });

  it('removes the user with sessions and tokens, clears the cookie and keeps only an anonymous audit trail', async () => {
    const client = server.client({ userAgent: 'doomed-agent' });
    const { email, user } = await registerUser(client);
    const other = await signIn(email);
    const result = await client.request(DELETE_ACCOUNT, { password: STRONG_PASSWORD });
    expect(result.data).toEqual({ deleteAccount: true });
    expect(result.headers.get('set-cookie')).toMatch(/latchkey_refresh=;.*Expires=Thu, 01 Jan 1970/i);
    for (const c of [client, other]) expect(errorOf(await c.request(ME))).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(errorOf(await server.client().request(LOGIN, { input: { email, password: STRONG_PASSWORD } }))).toMatchObject({ code: 'INVALID_CREDENTIALS' });

    const db = server.app.database.db;
    expect(await db.select().from(users).where(eq(users.id, user.id))).toHaveLength(0);
    expect(await db.select().from(sessions).where(eq(sessions.userId, user.id))).toHaveLength(0);
    expect(await db.select().from(oneTimeTokens).where(eq(oneTimeTokens.userId, user.id))).toHaveLength(0);
    const orphanTokens = await db.select().from(refreshTokens).where(sql`${refreshTokens.sessionId} not in (select id from sessions)`);
    expect(orphanTokens).toHaveLength(0);
    const audit = await db.select().from(auditEvents).where(or(eq(auditEvents.targetUserId, user.id), eq(auditEvents.actorId, user.id)));
    expect(audit.map((row) => row.type)).toContain('account.deleted');
    for (const row of audit) expect(row).toMatchObject({ ipAddress: null, userAgent: null });
    const mentions = await db.select().from(auditEvents).where(sql`${auditEvents.metadata}::text ilike ${`%${email.split('@')[0]}%`}`);
    expect(mentions).toHaveLength(0);
  });

  it('frees the address for a new account', async () => {
    const client = server.client();
    const { email } = await registerUser(client);
    await client.data(DELETE_ACCOUNT, { password: STRONG_PASSWORD });
    const again = await server.client().request<{ register: any }>(REGISTER, { input: { email, password: STRONG_PASSWORD } });
    expect(again.errors).toBeUndefined();
  });
});

describe('mail-sending request limits', () => {
  it('allows 20 password reset requests per hour from one IP, whatever the addresses', async () => {
    for (let i = 0; i < 20; i += 1) await server.client().data(REQUEST_RESET, { email: uniqueEmail('flood') });
    expect(errorOf(await server.client().request(REQUEST_RESET, { email: uniqueEmail('flood') }))).toMatchObject({ code: 'RATE_LIMITED' });
  });

  it('allows 3 email change requests per hour per account', async () => {
    const client = server.client();
    await registerUser(client);
    for (let i = 0; i < 3; i += 1) await client.data(REQUEST_EMAIL_CHANGE, { newEmail: uniqueEmail('hop'), password: STRONG_PASSWORD });
    const fourth = await client.request(REQUEST_EMAIL_CHANGE, { newEmail: uniqueEmail('hop'), password: STRONG_PASSWORD });
    expect(errorOf(fourth)).toMatchObject({ code: 'RATE_LIMITED' });
  });
});
