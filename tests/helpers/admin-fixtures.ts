/**
 * Administrators for tests, made through the same service `npm run admin:create` uses, then
 * signed in through the API like anyone else.
 */
import type { GraphQLClient } from './graphql-client.js';
import { LOGIN, STRONG_PASSWORD, uniqueEmail } from './fixtures.js';
import { createTestServer, type TestServer } from './test-server.js';

export const USER_FIELDS = 'id email emailVerified displayName role status createdAt updatedAt lastLoginAt';

export async function loginAs(client: GraphQLClient, email: string, password = STRONG_PASSWORD) {
  const { login } = await client.data<{ login: any }>(LOGIN, { input: { email, password } });
  client.accessToken = login.accessToken;
  return login;
}

/** A new active administrator and a client signed in as them. */
export async function createAdmin(server: TestServer, email = uniqueEmail('admin')) {
  const meta = { now: server.clock.now(), ipAddress: null, userAgent: 'vitest' };
  const result = await server.app.services.adminAccounts.ensureAdmin({ email, password: STRONG_PASSWORD, via: 'test' }, meta);
  if (!('user' in result)) throw new Error(`could not create admin: ${JSON.stringify(result)}`);
  const client = server.client();
  await loginAs(client, email);
  return { client, user: result.user, email };
}

/** The first error's extensions, or 'OK' when there is none. */
export function outcome(result: { errors?: Array<{ extensions?: Record<string, any> }> | undefined }): string {
  const extensions = result.errors?.[0]?.extensions;
  if (!extensions) return 'OK';
  return extensions.reason ? `${extensions.code}:${extensions.reason}` : String(extensions.code);
}

export const USER = `query($id: ID!) { user(id: $id) { ${USER_FIELDS} sessions { id } } }`;
export const SET_ROLE = `mutation($id: ID!, $role: Role!) { setUserRole(id: $id, role: $role) { id role } }`;
export const SUSPEND = `mutation($id: ID!, $reason: String) { suspendUser(id: $id, reason: $reason) { id status } }`;
export const UNSUSPEND = `mutation($id: ID!) { unsuspendUser(id: $id) { id status } }`;
export const UPDATE = `mutation($id: ID!, $input: AdminUserUpdateInput!) { updateUser(id: $id, input: $input) { ${USER_FIELDS} } }`;
export const DELETE = `mutation($id: ID!) { deleteUser(id: $id) }`;
export const REVOKE = `mutation($id: ID!) { revokeUserSessions(id: $id) }`;
export const AUDIT = `query($first: Int, $after: String, $filter: AuditEventFilter) {
  auditEvents(first: $first, after: $after, filter: $filter) {
    edges { cursor node { id type actorId targetUserId ipAddress userAgent metadata createdAt } }
    pageInfo { hasNextPage endCursor }
  }
}`;

/** The audit events about a user, newest first, with metadata parsed. */
export async function auditFor(admin: GraphQLClient, targetUserId: string, type?: string) {
  const { auditEvents } = await admin.data<{ auditEvents: any }>(AUDIT, { filter: { targetUserId, type } });
  return auditEvents.edges.map((e: any) => ({ ...e.node, metadata: e.node.metadata === null ? null : JSON.parse(e.node.metadata) }));
}

/**
 * A test server whose first administrator comes from BOOTSTRAP_ADMIN_* (the start-up path), and a
 * client signed in as that administrator.
 */
export async function startServerWithAdmin(bootstrapEmail: string, env: Record<string, string> = {}) {
  const server = await createTestServer({
    BOOTSTRAP_ADMIN_EMAIL: bootstrapEmail,
    BOOTSTRAP_ADMIN_PASSWORD: STRONG_PASSWORD,
    REGISTER_MAX_PER_IP: '1000',
    ...env,
  });
  const admin = server.client();
  const adminId: string = (await loginAs(admin, bootstrapEmail)).user.id;
  return { server, admin, adminId };
}
