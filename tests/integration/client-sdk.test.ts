import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AuditEventsDocument,
  latchkeyRequest,
  LatchkeyError,
  MeDocument,
  RegisterDocument,
  SessionsDocument,
  UpdateProfileDocument,
  UsersDocument,
} from 'latchkey/client';
import { createAdmin } from '../helpers/admin-fixtures.js';
import { STRONG_PASSWORD, registerUser, uniqueEmail } from '../helpers/fixtures.js';
import { createServiceAccount, REVOKE_SERVICE_ACCOUNT } from '../helpers/service-accounts.js';
import { createTestServer, type TestServer } from '../helpers/test-server.js';

const run = promisify(execFile);
const TSX = path.resolve('node_modules/.bin/tsx');

let server: TestServer;
beforeAll(async () => {
  server = await createTestServer();
});
afterAll(async () => {
  await server?.close();
});

async function runExample(env: Record<string, string>, ids: string[]) {
  try {
    const { stdout } = await run(TSX, ['examples/users-by-ids.ts', ...ids], { env: { ...process.env, LATCHKEY_URL: server.url, ...env } });
    return { code: 0, out: JSON.parse(stdout) };
  } catch (error) {
    const failed = error as { code: number; stdout: string };
    return { code: failed.code, out: JSON.parse(failed.stdout) };
  }
}

describe('latchkey/client', () => {
  it('runs typed documents with latchkeyRequest', async () => {
    const endpoint = `${server.url}/graphql`;
    const email = uniqueEmail('sdk');
    const { register } = await latchkeyRequest(endpoint, RegisterDocument, { input: { email, password: STRONG_PASSWORD } });
    expect(register.user.email).toBe(email);
    expect(register).not.toHaveProperty('refreshToken');
    const { me } = await latchkeyRequest(endpoint, MeDocument, {}, { token: register.accessToken });
    expect(me?.id).toBe(register.user.id);
    const error = await latchkeyRequest(endpoint, SessionsDocument, {}).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(LatchkeyError);
    expect((error as LatchkeyError).code).toBe('UNAUTHENTICATED');
  });
});

describe('latchkey/client account and administration documents', () => {
  it('update a profile, then list users and the audit log as an administrator', async () => {
    const endpoint = `${server.url}/graphql`;
    const { client: admin } = await createAdmin(server);
    const { accessToken, user } = await registerUser(server.client());
    const { updateProfile } = await latchkeyRequest(endpoint, UpdateProfileDocument, { input: { displayName: 'Grace' } }, { token: accessToken });
    expect(updateProfile).toMatchObject({ id: user.id, displayName: 'Grace' });
    const { users } = await latchkeyRequest(endpoint, UsersDocument, { first: 1, filter: { search: 'Grace' } }, { token: admin.accessToken });
    expect(users.edges.map((edge) => edge.node.id)).toEqual([user.id]);
    const { auditEvents } = await latchkeyRequest(endpoint, AuditEventsDocument, { first: 5, filter: { targetUserId: user.id } }, { token: admin.accessToken });
    expect(auditEvents.edges.length).toBeGreaterThan(0);
    const refused = await latchkeyRequest(endpoint, UsersDocument, {}, { token: accessToken }).catch((caught: unknown) => caught);
    expect((refused as LatchkeyError).code).toBe('FORBIDDEN');
  });
});

describe('examples/users-by-ids.ts', () => {
  it('reads users by id from another process with a service account', async () => {
    const { client: admin } = await createAdmin(server);
    const account = await createServiceAccount(admin);
    const a = await registerUser(server.client());
    const b = await registerUser(server.client());
    const unknown = '00000000-0000-4000-8000-000000000000';
    const env = { LATCHKEY_CLIENT_ID: account.clientId, LATCHKEY_CLIENT_SECRET: account.clientSecret };
    const result = await runExample(env, [b.user.id, unknown, a.user.id]);
    expect(result).toEqual({
      code: 0,
      out: { users: [{ id: b.user.id, email: b.email, role: 'USER' }, null, { id: a.user.id, email: a.email, role: 'USER' }] },
    });
    await admin.data(REVOKE_SERVICE_ACCOUNT, { id: account.id });
    expect(await runExample(env, [a.user.id])).toEqual({ code: 1, out: { error: 'INVALID_CREDENTIALS' } });
  });
});
