/** GraphQL documents and helpers for the account lifecycle tests. */
import type { GraphQLClient, GraphQLResponse } from './graphql-client.js';

const USER_FIELDS = 'id email emailVerified displayName avatarUrl updatedAt';

export const VERIFY_EMAIL = `mutation ($token: String!) { verifyEmail(token: $token) { ${USER_FIELDS} } }`;
export const RESEND_VERIFICATION = 'mutation { resendVerificationEmail }';
export const REQUEST_RESET = 'mutation ($email: String!) { requestPasswordReset(email: $email) }';
export const RESET_PASSWORD = 'mutation ($token: String!, $newPassword: String!) { resetPassword(token: $token, newPassword: $newPassword) }';
export const CHANGE_PASSWORD =
  'mutation ($currentPassword: String!, $newPassword: String!) { changePassword(currentPassword: $currentPassword, newPassword: $newPassword) }';
export const UPDATE_PROFILE = `mutation ($input: UpdateProfileInput!) { updateProfile(input: $input) { ${USER_FIELDS} } }`;
export const REQUEST_EMAIL_CHANGE = 'mutation ($newEmail: String!, $password: String!) { requestEmailChange(newEmail: $newEmail, password: $password) }';
export const CONFIRM_EMAIL_CHANGE = `mutation ($token: String!) { confirmEmailChange(token: $token) { ${USER_FIELDS} } }`;
export const DELETE_ACCOUNT = 'mutation ($password: String!) { deleteAccount(password: $password) }';
export const ME_ACCOUNT = `query { me { ${USER_FIELDS} } }`;

export const NEW_PASSWORD = 'copper-lantern-meadow-92';

export function errorOf(result: GraphQLResponse): Record<string, any> | undefined {
  return result.errors?.[0]?.extensions;
}

/** Whether the client's current access token is still accepted. */
export async function tokenAccepted(client: GraphQLClient, token: string): Promise<boolean> {
  const result = await client.request<{ me: { id: string } | null }>('query { me { id } }', {}, { token });
  return !result.errors && result.data?.me !== null;
}
