import { eq } from 'drizzle-orm';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serviceAccounts } from '../../src/db/schema.js';
import { hashSecureToken } from '../../src/lib/secure-token.js';
import { createAdmin } from '../helpers/admin-fixtures.js';
import { ME, registerUser } from '../helpers/fixtures.js';
import type { GraphQLClient } from '../helpers/graphql-client.js';
import {
  CREATE_SERVICE_ACCOUNT,
  REVOKE_SERVICE_ACCOUNT,
  SERVICE_TOKEN,
  USER,
  USERS_BY_IDS,
  createServiceAccount,
  serviceToken,
} from '../helpers/service-accounts.js';
import { createTestServer, type TestServer } from '../helpers/test-server.js';

let server: TestServer;
let admin: GraphQLClient;
beforeAll(async () => {
  server = await createTestServer({ SERVICE_AUTH_MAX_PER_CLIENT: '8', SERVICE_AUTH_MAX_FAILURES_PER_IP: '12' });
  admin = (await createAdmin(server)).client;
});
afterAll(async () => {
  await server?.close();
});

const codeOf = (result: { errors?: Array<{ extensions?: Record<string, any> }> }) => result.errors?.[0]?.extensions?.code;

describe('createServiceAccount', () => {
  it('returns the secret once and stores only its hash', async () => {
    const result = await admin.data<{ createServiceAccount: any }>(CREATE_SERVICE_ACCOUNT, { name: '  billing  ', scopes: ['users:read', 'users:read'] });
    const { clientSecret, serviceAccount } = result.createServiceAccount;
    expect(clientSecret).toMatch(/^lk_sa_[A-Za-z0-9_-]{43}$/);
    expect(serviceAccount).toMatchObject({ name: 'billing', scopes: ['users:read'], active: true, revokedAt: null, lastUsedAt: null });
    const [row] = await server.app.database.db.select().from(serviceAccounts).where(eq(serviceAccounts.id, serviceAccount.id));
    expect(row!.secretHash).toBe(hashSecureToken(clientSecret));
    expect(JSON.stringify(row)).not.toContain(clientSecret.slice(6));
    const { serviceAccounts: listed } = await admin.data<{ serviceAccounts: any[] }>('{ serviceAccounts { id clientId active } }');
    expect(listed).toContainEqual({ id: serviceAccount.id, clientId: serviceAccount.clientId, active: true });
  });

  it.each([
    ['an unknown scope', 'svc', ['users:write'], 'scopes'],
    ['no scope', 'svc', [], 'scopes'],
    ['a blank name', '   ', ['users:read'], 'name'],
    ['a long name', 'n'.repeat(65), ['users:read'], 'name'],
  ])('refuses %s with BAD_USER_INPUT', async (_label, name, scopes, field) => {
    const result = await admin.request(CREATE_SERVICE_ACCOUNT, { name, scopes });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });

  it('is refused to anonymous callers, users and service accounts', async () => {
    const user = server.client();
    await registerUser(user);
    expect(codeOf(await server.client().request(CREATE_SERVICE_ACCOUNT, { name: 'x', scopes: ['users:read'] }))).toBe('UNAUTHENTICATED');
    expect(codeOf(await user.request(CREATE_SERVICE_ACCOUNT, { name: 'x', scopes: ['users:read'] }))).toBe('FORBIDDEN');
    expect(codeOf(await user.request('{ serviceAccounts { id } }'))).toBe('FORBIDDEN');
    const account = await createServiceAccount(admin);
    const service = server.client();
    service.accessToken = account.clientSecret;
    expect(codeOf(await service.request(CREATE_SERVICE_ACCOUNT, { name: 'x', scopes: ['users:read'] }))).toBe('FORBIDDEN');
    expect(codeOf(await service.request('{ serviceAccounts { id } }'))).toBe('FORBIDDEN');
    expect(codeOf(await service.request(REVOKE_SERVICE_ACCOUNT, { id: account.id }))).toBe('FORBIDDEN');
  });
});

describe('serviceToken', () => {
  it('issues a 5-minute token naming the account, its client id and scopes, without a session', async () => {
    const account = await createServiceAccount(admin);
    const result = await server.client().data<{ serviceToken: any }>(SERVICE_TOKEN, { clientId: account.clientId, clientSecret: account.clientSecret });
    const { accessToken, scopes } = result.serviceToken;
    expect(scopes).toEqual(['users:read']);
    const claims = decodeJwt(accessToken);
    expect(claims).toMatchObject({ sub: account.id, client_id: account.clientId, scope: 'users:read', aud: 'latchkey' });
    expect(claims.sid).toBeUndefined();
    expect(claims.exp! - claims.iat!).toBe(300);
    expect(decodeProtectedHeader(accessToken)).toMatchObject({ alg: 'EdDSA', typ: 'at+jwt' });
  });

  it('answers a wrong secret and an unknown client id with the same INVALID_CREDENTIALS', async () => {
    const account = await createServiceAccount(admin);
    const other = await createServiceAccount(admin);
    const wrong = await server.client().request(SERVICE_TOKEN, { clientId: account.clientId, clientSecret: other.clientSecret });
    const unknown = await server.client().request(SERVICE_TOKEN, { clientId: 'lk_client_nope', clientSecret: account.clientSecret });
    expect(codeOf(wrong)).toBe('INVALID_CREDENTIALS');
    expect(wrong.errors?.[0]).toEqual(unknown.errors?.[0]);
  });

  it('limits exchanges and raw-secret requests per account with RATE_LIMITED', async () => {
    const account = await createServiceAccount(admin);
    const client = server.client();
    for (let i = 0; i < 8; i += 1) await serviceToken(client, account);
    expect(codeOf(await client.request(SERVICE_TOKEN, { clientId: account.clientId, clientSecret: account.clientSecret }))).toBe('RATE_LIMITED');
    const raw = await client.request(USER, { id: account.id }, { token: account.clientSecret });
    expect(raw.status).toBe(429);
    expect(codeOf(raw)).toBe('RATE_LIMITED');
  });
});

describe('a service with users:read', () => {
  let users: Array<{ id: string; email: string }>;
  beforeAll(async () => {
    users = [];
    for (let i = 0; i < 3; i += 1) {
      const { user, email } = await registerUser(server.client());
      users.push({ id: user.id, email });
    }
  });

  it('reads usersByIds in the order asked, null for unknown ids, in one SQL statement', async () => {
    const account = await createServiceAccount(admin);
    const client = server.client();
    client.accessToken = await serviceToken(client, account);
    const ids = [users[2]!.id, 'not-a-uuid', users[0]!.id, '00000000-0000-4000-8000-000000000000', users[2]!.id, users[1]!.id];
    const { result, statements } = await server.statementsDuring(() => client.data<{ usersByIds: any[] }>(USERS_BY_IDS, { ids }));
    const { usersByIds } = result;
    expect(usersByIds).toEqual([users[2], null, users[0], null, users[2], users[1]]);
    expect(statements.filter((sql) => /from "users"/i.test(sql))).toHaveLength(1);
  });

  it('refuses more than 100 ids with BAD_USER_INPUT', async () => {
    const client = server.client();
    client.accessToken = (await createServiceAccount(admin)).clientSecret;
    const ids = Array.from({ length: 101 }, () => users[0]!.id);
    const result = await client.request(USERS_BY_IDS, { ids });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'ids' });
    expect((await client.data<{ usersByIds: any[] }>(USERS_BY_IDS, { ids: ids.slice(0, 100) })).usersByIds).toHaveLength(100);
  });

  it('reads user(id) with the raw secret as bearer token', async () => {
    const client = server.client();
    client.accessToken = (await createServiceAccount(admin)).clientSecret;
    expect((await client.data<{ user: any }>(USER, { id: users[1]!.id })).user).toEqual(users[1]);
    expect((await client.data<{ user: any }>(USER, { id: '00000000-0000-4000-8000-000000000000' })).user).toBeNull();
  });

  it('never sees sessions or admin data, and `me` is null', async () => {
    const client = server.client();
    const account = await createServiceAccount(admin);
    client.accessToken = await serviceToken(client, account);
    expect((await client.data<{ me: unknown }>('{ me { id } }')).me).toBeNull();
    expect(codeOf(await client.request('{ sessions { id } }'))).toBe('FORBIDDEN');
    expect(codeOf(await client.request('mutation { logout }'))).toBe('FORBIDDEN');
    const nested = await client.request(`query($ids: [ID!]!) { usersByIds(ids: $ids) { id sessions { id } } }`, { ids: [users[0]!.id] });
    expect(codeOf(nested)).toBe('FORBIDDEN');
    expect(nested.data).toEqual({ usersByIds: [null] });
  });
});

describe('scopes and roles', () => {
  it('lets administrators read users but not regular users', async () => {
    const user = server.client();
    const { user: self } = await registerUser(user);
    expect(codeOf(await user.request(USER, { id: self.id }))).toBe('FORBIDDEN');
    expect(codeOf(await user.request(USERS_BY_IDS, { ids: [self.id] }))).toBe('FORBIDDEN');
    expect(codeOf(await server.client().request(USER, { id: self.id }))).toBe('UNAUTHENTICATED');
    expect((await admin.data<{ user: any }>(USER, { id: self.id })).user.id).toBe(self.id);
  });
});

describe('revokeServiceAccount', () => {
  it('stops the secret and every issued token at once', async () => {
    const account = await createServiceAccount(admin);
    const viaToken = server.client();
    viaToken.accessToken = await serviceToken(viaToken, account);
    const viaSecret = server.client();
    viaSecret.accessToken = account.clientSecret;
    const { user } = await registerUser(server.client());
    expect((await viaToken.data<{ user: any }>(USER, { id: user.id })).user.id).toBe(user.id);
    expect((await admin.data<{ revokeServiceAccount: boolean }>(REVOKE_SERVICE_ACCOUNT, { id: account.id })).revokeServiceAccount).toBe(true);
    expect(codeOf(await viaToken.request(USER, { id: user.id }))).toBe('UNAUTHENTICATED');
    const rawAfter = await viaSecret.request(USER, { id: user.id });
    expect(rawAfter.status).toBe(401);
    expect(codeOf(rawAfter)).toBe('INVALID_CREDENTIALS');
    expect(codeOf(await server.client().request(SERVICE_TOKEN, { clientId: account.clientId, clientSecret: account.clientSecret }))).toBe('INVALID_CREDENTIALS');
    expect((await admin.data<{ revokeServiceAccount: boolean }>(REVOKE_SERVICE_ACCOUNT, { id: account.id })).revokeServiceAccount).toBe(false);
    const { serviceAccounts: listed } = await admin.data<{ serviceAccounts: any[] }>('{ serviceAccounts { id active revokedAt lastUsedAt } }');
    const row = listed.find((a) => a.id === account.id);
    expect(row).toMatchObject({ active: false });
    expect(row.revokedAt).not.toBeNull();
    expect(row.lastUsedAt).not.toBeNull();
  });
});

describe('failed service authentication', () => {
  it('is rate limited per IP, for the exchange and for raw secrets', async () => {
    const results: Array<string | undefined> = [];
    for (let i = 0; i < 14; i += 1) {
      const result = await server.client().request(SERVICE_TOKEN, { clientId: 'lk_client_guess', clientSecret: `lk_sa_${'A'.repeat(43)}` });
      results.push(codeOf(result));
    }
    expect(results).toContain('INVALID_CREDENTIALS');
    expect(results.at(-1)).toBe('RATE_LIMITED');
    const raw = await server.client().request(ME, {}, { token: `lk_sa_${'B'.repeat(43)}` });
    expect(codeOf(raw)).toBe('RATE_LIMITED');
  });
});
