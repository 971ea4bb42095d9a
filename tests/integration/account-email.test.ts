import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../src/db/schema.js';
import {
  CONFIRM_EMAIL_CHANGE,
  ME_ACCOUNT,
  NEW_PASSWORD,
  REQUEST_EMAIL_CHANGE,
  REQUEST_RESET,
  RESEND_VERIFICATION,
  RESET_PASSWORD,
  VERIFY_EMAIL,
  errorOf,
} from '../helpers/account-fixtures.js';
import { LOGIN, STRONG_PASSWORD, registerUser, uniqueEmail } from '../helpers/fixtures.js';
import { createMailTestServer } from '../helpers/mail-test-server.js';
import { linkToken, type SmtpSink } from '../helpers/smtp-sink.js';
import type { TestServer } from '../helpers/test-server.js';

const APP_URL = 'https://app.example.test';
let sink: SmtpSink;
let server: TestServer;
let stop: (() => Promise<void>) | undefined;

beforeAll(async () => {
  ({ server, sink, close: stop } = await createMailTestServer({ APP_URL, APP_NAME: 'Latchkey Test', ACCOUNT_MAIL_MAX_PER_IP: '1000' }));
});
afterAll(() => stop?.());

const isVerifyMail = (m: { text: string }) => m.text.includes('/verify-email?token=');
const isResetMail = (m: { text: string }) => m.text.includes('/reset-password?token=');
const isChangeMail = (m: { text: string }) => m.text.includes('/confirm-email-change?token=');

async function verificationToken(email: string, except: string[] = []): Promise<string> {
  const mail = await sink.waitForMail(email, (m) => isVerifyMail(m) && !except.includes(linkToken(m, '/verify-email')));
  return linkToken(mail, '/verify-email');
}

async function resetToken(email: string, except: string[] = []): Promise<string> {
  await server.client().data(REQUEST_RESET, { email });
  const mail = await sink.waitForMail(email, (m) => isResetMail(m) && !except.includes(linkToken(m, '/reset-password')));
  return linkToken(mail, '/reset-password');
}

async function auditTypes(userId: string): Promise<string[]> {
  const rows = await server.app.database.db.select().from(auditEvents).where(eq(auditEvents.targetUserId, userId));
  return rows.map((row) => row.type);
}

describe('email verification', () => {
  it('mails a link to APP_URL at sign-up, in text and HTML, and verifyEmail marks the address verified', async () => {
    const client = server.client();
    const { user, email } = await registerUser(client, { displayName: 'Ada' });
    const mail = await sink.waitForMail(email, isVerifyMail);
    const token = linkToken(mail, '/verify-email');
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(mail.text).toContain(`${APP_URL}/verify-email?token=${token}`);
    expect(mail.html).toContain(`href="${APP_URL}/verify-email?token=${token}"`);
    expect(mail.subject).toContain('Latchkey Test');
    expect(mail.text.split(token)).toHaveLength(2);

    const { verifyEmail } = await client.data<{ verifyEmail: any }>(VERIFY_EMAIL, { token });
    expect(verifyEmail).toMatchObject({ id: user.id, emailVerified: true });
    const { me } = await client.data<{ me: any }>(ME_ACCOUNT);
    expect(me.emailVerified).toBe(true);
    expect(await auditTypes(user.id)).toContain('account.email_verified');
  });

  it('escapes the display name in the HTML part', async () => {
    const { email } = await registerUser(server.client(), { displayName: '<img src=x onerror=alert(1)>' });
    const mail = await sink.waitForMail(email, isVerifyMail);
    expect(mail.html).not.toContain('<img src=x');
    expect(mail.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('refuses a reused token', async () => {
    const { email } = await registerUser(server.client());
    const token = await verificationToken(email);
    await server.client().data(VERIFY_EMAIL, { token });
    const again = await server.client().request(VERIFY_EMAIL, { token });
    expect(errorOf(again)).toMatchObject({ code: 'INVALID_TOKEN' });
  });

  it('refuses an expired token', async () => {
    const { email } = await registerUser(server.client());
    const token = await verificationToken(email);
    server.clock.advance(24 * 3600 + 1);
    const result = await server.client().request(VERIFY_EMAIL, { token });
    expect(errorOf(result)).toMatchObject({ code: 'INVALID_TOKEN' });
  });

  it('refuses a token of another purpose and leaves it usable for its own', async () => {
    const { email } = await registerUser(server.client());
    const token = await resetToken(email);
    expect(errorOf(await server.client().request(VERIFY_EMAIL, { token }))).toMatchObject({ code: 'INVALID_TOKEN' });
    expect(await server.client().data(RESET_PASSWORD, { token, newPassword: NEW_PASSWORD })).toEqual({ resetPassword: true });
  });

  it("refuses another signed-in user's token without consuming it", async () => {
    const owner = await registerUser(server.client());
    const token = await verificationToken(owner.email);
    const intruder = server.client();
    await registerUser(intruder);
    expect(errorOf(await intruder.request(VERIFY_EMAIL, { token }))).toMatchObject({ code: 'INVALID_TOKEN' });
    const { verifyEmail } = await server.client().data<{ verifyEmail: any }>(VERIFY_EMAIL, { token });
    expect(verifyEmail.id).toBe(owner.user.id);
  });

  it('refuses malformed and unknown tokens', async () => {
    for (const token of ['', 'abc', 'A'.repeat(43)]) {
      expect(errorOf(await server.client().request(VERIFY_EMAIL, { token }))).toMatchObject({ code: 'INVALID_TOKEN' });
    }
  });

  it('resends a fresh link that supersedes the previous one, and answers false once verified', async () => {
    const client = server.client();
    const { email } = await registerUser(client);
    const first = await verificationToken(email);
    expect(await client.data(RESEND_VERIFICATION)).toEqual({ resendVerificationEmail: true });
    const second = await verificationToken(email, [first]);
    expect(second).not.toBe(first);
    expect(errorOf(await client.request(VERIFY_EMAIL, { token: first }))).toMatchObject({ code: 'INVALID_TOKEN' });
    await client.data(VERIFY_EMAIL, { token: second });
    expect(await client.data(RESEND_VERIFICATION)).toEqual({ resendVerificationEmail: false });
  });

  it('limits resending to 3 per hour per account', async () => {
    const client = server.client();
    await registerUser(client);
    for (let i = 0; i < 3; i += 1) expect(await client.data(RESEND_VERIFICATION)).toEqual({ resendVerificationEmail: true });
    expect(errorOf(await client.request(RESEND_VERIFICATION))).toMatchObject({ code: 'RATE_LIMITED' });
  });

  it('requires a signed-in user to resend', async () => {
    expect(errorOf(await server.client().request(RESEND_VERIFICATION))).toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});

describe('password reset', () => {
  it('answers true alike for known and unknown addresses and mails only the known one', async () => {
    const { email } = await registerUser(server.client());
    const unknown = uniqueEmail('nobody');
    const forUnknown = await server.client().request(REQUEST_RESET, { email: unknown });
    const forKnown = await server.client().request(REQUEST_RESET, { email: email.toUpperCase() });
    expect(forUnknown.data).toEqual({ requestPasswordReset: true });
    expect(forKnown.data).toEqual(forUnknown.data);
    const mail = await sink.waitForMail(email, isResetMail);
    expect(mail.text).toContain(`${APP_URL}/reset-password?token=`);
    expect(sink.mailFor(unknown)).toHaveLength(0);
  });

  it('sets the password, ends every session at once, signs nobody in and mails a notice', async () => {
    const first = server.client();
    const { email, user } = await registerUser(first);
    const second = server.client();
    const { login } = await second.data<{ login: any }>(LOGIN, { input: { email, password: STRONG_PASSWORD } });
    second.accessToken = login.accessToken;
    const token = await resetToken(email);

    const reset = await server.client().request(RESET_PASSWORD, { token, newPassword: NEW_PASSWORD });
    expect(reset.data).toEqual({ resetPassword: true });
    expect(reset.headers.get('set-cookie')).toBeNull();
    for (const client of [first, second]) {
      expect(errorOf(await client.request(ME_ACCOUNT))).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'SESSION_ENDED' });
      expect(errorOf(await client.request('mutation { refresh { accessToken } }'))).toMatchObject({ code: 'INVALID_TOKEN' });
    }
    expect(errorOf(await server.client().request(LOGIN, { input: { email, password: STRONG_PASSWORD } }))).toMatchObject({ code: 'INVALID_CREDENTIALS' });
    await server.client().data(LOGIN, { input: { email, password: NEW_PASSWORD } });
    await sink.waitForMail(email, (m) => m.subject.includes('password was changed'));
    expect(await auditTypes(user.id)).toEqual(expect.arrayContaining(['account.password_reset_requested', 'account.password_reset']));
  });

  it('refuses a reused token', async () => {
    const { email } = await registerUser(server.client());
    const token = await resetToken(email);
    await server.client().data(RESET_PASSWORD, { token, newPassword: NEW_PASSWORD });
    const again = await server.client().request(RESET_PASSWORD, { token, newPassword: 'another-fine-passphrase-77' });
    expect(errorOf(again)).toMatchObject({ code: 'INVALID_TOKEN' });
  });

  it('refuses an expired token', async () => {
    const { email } = await registerUser(server.client());
    const token = await resetToken(email);
    server.clock.advance(30 * 60 + 1);
    expect(errorOf(await server.client().request(RESET_PASSWORD, { token, newPassword: NEW_PASSWORD }))).toMatchObject({ code: 'INVALID_TOKEN' });
  });

  it('invalidates the previous link when a new one is requested', async () => {
    const { email } = await registerUser(server.client());
    const first = await resetToken(email);
    const second = await resetToken(email, [first]);
    expect(errorOf(await server.client().request(RESET_PASSWORD, { token: first, newPassword: NEW_PASSWORD }))).toMatchObject({ code: 'INVALID_TOKEN' });
    expect(await server.client().data(RESET_PASSWORD, { token: second, newPassword: NEW_PASSWORD })).toEqual({ resetPassword: true });
  });

  it('applies the password policy and keeps the token usable after a refusal', async () => {
    const email = uniqueEmail('grace.hopper');
    await registerUser(server.client(), { email });
    const token = await resetToken(email);
    const weak = await server.client().request(RESET_PASSWORD, { token, newPassword: 'short' });
    expect(errorOf(weak)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'newPassword' });
    const withEmail = await server.client().request(RESET_PASSWORD, { token, newPassword: `${email.split('@')[0]}-zebra` });
    expect(errorOf(withEmail)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'newPassword' });
    expect(await server.client().data(RESET_PASSWORD, { token, newPassword: NEW_PASSWORD })).toEqual({ resetPassword: true });
  });

  it('never locks the account, and limits requests per address', async () => {
    const { email } = await registerUser(server.client());
    for (let i = 0; i < 3; i += 1) await server.client().data(REQUEST_RESET, { email });
    expect(errorOf(await server.client().request(REQUEST_RESET, { email }))).toMatchObject({ code: 'RATE_LIMITED' });
    await server.client().data(LOGIN, { input: { email, password: STRONG_PASSWORD } });
  });
});

describe('email change', () => {
  it('mails a confirmation to the new address and a notice to the old one, then switches on confirmation', async () => {
    const client = server.client();
    const { email, user } = await registerUser(client);
    const newEmail = uniqueEmail('moved');
    expect(await client.data(REQUEST_EMAIL_CHANGE, { newEmail, password: STRONG_PASSWORD })).toEqual({ requestEmailChange: true });
    const confirmation = await sink.waitForMail(newEmail, isChangeMail);
    const notice = await sink.waitForMail(email, (m) => m.subject.includes('change requested'));
    expect(notice.text).not.toContain('token=');
    expect(notice.text).not.toContain(newEmail);
    const token = linkToken(confirmation, '/confirm-email-change');
    expect(confirmation.text).toContain(`${APP_URL}/confirm-email-change?token=${token}`);

    const { confirmEmailChange } = await client.data<{ confirmEmailChange: any }>(CONFIRM_EMAIL_CHANGE, { token });
    expect(confirmEmailChange).toMatchObject({ id: user.id, email: newEmail, emailVerified: true });
    expect(errorOf(await server.client().request(LOGIN, { input: { email, password: STRONG_PASSWORD } }))).toMatchObject({ code: 'INVALID_CREDENTIALS' });
    await server.client().data(LOGIN, { input: { email: newEmail, password: STRONG_PASSWORD } });
    expect(errorOf(await client.request(CONFIRM_EMAIL_CHANGE, { token }))).toMatchObject({ code: 'INVALID_TOKEN' });
    expect(await auditTypes(user.id)).toEqual(expect.arrayContaining(['account.email_change_requested', 'account.email_change_confirmed']));
  });

  it('needs the right password and a free, different address', async () => {
    const client = server.client();
    const { email } = await registerUser(client);
    const other = await registerUser(server.client());
    const wrong = await client.request(REQUEST_EMAIL_CHANGE, { newEmail: uniqueEmail(), password: 'not-my-password-at-all' });
    expect(errorOf(wrong)).toMatchObject({ code: 'INVALID_CREDENTIALS', field: 'password' });
    const taken = await client.request(REQUEST_EMAIL_CHANGE, { newEmail: other.email.toUpperCase(), password: STRONG_PASSWORD });
    expect(errorOf(taken)).toMatchObject({ code: 'EMAIL_TAKEN', field: 'newEmail' });
    const same = await client.request(REQUEST_EMAIL_CHANGE, { newEmail: email, password: STRONG_PASSWORD });
    expect(errorOf(same)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'newEmail' });
    const invalid = await client.request(REQUEST_EMAIL_CHANGE, { newEmail: 'nope', password: STRONG_PASSWORD });
    expect(errorOf(invalid)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'newEmail' });
  });

  it('lets exactly one of two accounts racing for the same address have it', async () => {
    const target = uniqueEmail('contested');
    const tokens: string[] = [];
    for (const client of [server.client(), server.client()]) {
      await registerUser(client);
      await client.data(REQUEST_EMAIL_CHANGE, { newEmail: target, password: STRONG_PASSWORD });
      const mail = await sink.waitForMail(target, (m) => isChangeMail(m) && !tokens.includes(linkToken(m, '/confirm-email-change')));
      tokens.push(linkToken(mail, '/confirm-email-change'));
    }
    const results = await Promise.all(tokens.map((token) => server.client().request(CONFIRM_EMAIL_CHANGE, { token })));
    const codes = results.map((r) => errorOf(r)?.code ?? 'OK').sort();
    expect(codes).toEqual(['EMAIL_TAKEN', 'OK']);
  });

  it("refuses another signed-in user's token, an expired one and one of another purpose", async () => {
    const owner = server.client();
    await registerUser(owner);
    const newEmail = uniqueEmail('next');
    await owner.data(REQUEST_EMAIL_CHANGE, { newEmail, password: STRONG_PASSWORD });
    const token = linkToken(await sink.waitForMail(newEmail, isChangeMail), '/confirm-email-change');
    const intruder = server.client();
    await registerUser(intruder);
    expect(errorOf(await intruder.request(CONFIRM_EMAIL_CHANGE, { token }))).toMatchObject({ code: 'INVALID_TOKEN' });
    expect(errorOf(await server.client().request(RESET_PASSWORD, { token, newPassword: NEW_PASSWORD }))).toMatchObject({ code: 'INVALID_TOKEN' });
    server.clock.advance(3600 + 1);
    expect(errorOf(await server.client().request(CONFIRM_EMAIL_CHANGE, { token }))).toMatchObject({ code: 'INVALID_TOKEN' });
  });
});
