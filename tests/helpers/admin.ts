/** Test-only shortcut: no API gives anyone the ADMIN role in this branch, so tests set it directly. */
import { eq } from 'drizzle-orm';
import { users } from '../../src/db/schema.js';
import type { GraphQLClient } from './graphql-client.js';
import { registerUser } from './fixtures.js';
import type { TestServer } from './test-server.js';

export async function registerAdmin(server: TestServer): Promise<{ client: GraphQLClient; userId: string }> {
  const client = server.client();
  const { user } = await registerUser(client);
  await server.app.database.db.update(users).set({ role: 'ADMIN' }).where(eq(users.id, user.id));
  return { client, userId: user.id };
}
