import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ME_ACCOUNT, RESEND_VERIFICATION, UPDATE_PROFILE, VERIFY_EMAIL, errorOf } from '../helpers/account-fixtures.js';
import { registerUser } from '../helpers/fixtures.js';
import { createMailTestServer } from '../helpers/mail-test-server.js';
import { linkToken, type SmtpSink } from '../helpers/smtp-sink.js';
import type { TestServer } from '../helpers/test-server.js';

let sink: SmtpSink;
let server: TestServer;
let stop: (() => Promise<void>) | undefined;

beforeAll(async () => {
  ({ server, sink, close: stop } = await createMailTestServer({ REQUIRE_EMAIL_VERIFICATION: 'true' }));
});
afterAll(() => stop?.());

const NOT_VERIFIED = { code: 'FORBIDDEN', reason: 'EMAIL_NOT_VERIFIED' };

describe('REQUIRE_EMAIL_VERIFICATION=true', () => {
  it('lets an unverified user sign in, read me, resend and verify, but nothing else until verified', async () => {
    const client = server.client();
    const { email } = await registerUser(client);
    expect((await client.data<{ me: any }>(ME_ACCOUNT)).me.emailVerified).toBe(false);
    expect(errorOf(await client.request('query { sessions { id } }'))).toMatchObject(NOT_VERIFIED);
    expect(errorOf(await client.request(UPDATE_PROFILE, { input: { displayName: 'Ada' } }))).toMatchObject(NOT_VERIFIED);
    expect(errorOf(await client.request('mutation { revokeOtherSessions }'))).toMatchObject(NOT_VERIFIED);
    const avatar = await fetch(`${server.url}/avatar`, { method: 'DELETE', headers: { authorization: `Bearer ${client.accessToken}` } });
    expect(avatar.status).toBe(403);
    expect(await avatar.json()).toMatchObject({ error: { code: 'EMAIL_NOT_VERIFIED' } });

    const first = linkToken(await sink.waitForMail(email), '/verify-email');
    expect(await client.data(RESEND_VERIFICATION)).toEqual({ resendVerificationEmail: true });
    const token = linkToken(await sink.waitForMail(email, (m) => linkToken(m, '/verify-email') !== first), '/verify-email');
    await client.data(VERIFY_EMAIL, { token });

    const { updateProfile } = await client.data<{ updateProfile: any }>(UPDATE_PROFILE, { input: { displayName: 'Ada' } });
    expect(updateProfile).toMatchObject({ displayName: 'Ada', emailVerified: true });
    expect(await client.data('query { sessions { id } }')).toMatchObject({ sessions: [{ id: expect.any(String) }] });
  });

  it('still lets an unverified user log out', async () => {
    const client = server.client();
    await registerUser(client);
    expect(await client.data('mutation { logout }')).toEqual({ logout: true });
  });

  it('leaves anonymous callers to the usual UNAUTHENTICATED answer', async () => {
    expect(errorOf(await server.client().request(UPDATE_PROFILE, { input: { displayName: 'X' } }))).toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});
