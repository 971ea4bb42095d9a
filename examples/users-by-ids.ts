/**
 * Another backend service reading users from Latchkey with the typed client SDK:
 * exchange the service account's credentials for a short-lived token, then call `usersByIds`.
 * Result and variable types come from the generated documents: `users` below is typed
 * `Array<UserFieldsFragment | null>` with no hand-written types.
 *
 *   LATCHKEY_URL=http://127.0.0.1:4000 LATCHKEY_CLIENT_ID=lk_client_... \
 *   LATCHKEY_CLIENT_SECRET=lk_sa_... npx tsx examples/users-by-ids.ts <user id> [<user id> ...]
 *
 * Prints `{"users":[...]}` (null for unknown ids, in the order given) and exits 0, or prints the
 * error code and exits 1. A real service would cache the token until shortly before
 * `accessTokenExpiresAt` instead of exchanging per call.
 */
import { latchkeyRequest, LatchkeyError, ServiceTokenDocument, UsersByIdsDocument } from 'latchkey/client';

const endpoint = new URL('/graphql', process.env.LATCHKEY_URL ?? 'http://127.0.0.1:4000').toString();
const clientId = process.env.LATCHKEY_CLIENT_ID ?? '';
const clientSecret = process.env.LATCHKEY_CLIENT_SECRET ?? '';

try {
  const { serviceToken } = await latchkeyRequest(endpoint, ServiceTokenDocument, { clientId, clientSecret });
  const { usersByIds: users } = await latchkeyRequest(endpoint, UsersByIdsDocument, { ids: process.argv.slice(2) }, { token: serviceToken.accessToken });
  console.log(JSON.stringify({ users: users.map((user) => (user ? { id: user.id, email: user.email, role: user.role } : null)) }));
} catch (error) {
  console.log(JSON.stringify({ error: error instanceof LatchkeyError ? error.code : String(error) }));
  process.exit(1);
}
