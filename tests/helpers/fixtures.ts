import { randomBytes } from 'node:crypto';
import type { GraphQLClient } from './graphql-client.js';

export const STRONG_PASSWORD = 'violet-harbor-quantum-47';

export const AUTH_FIELDS = `
  accessToken accessTokenExpiresAt refreshToken refreshTokenExpiresAt
  user { id email role status emailVerified displayName createdAt updatedAt lastLoginAt }
  session { id current expiresAt createdAt lastUsedAt userAgent ipAddress }
`;

export const REGISTER = `mutation Register($input: RegisterInput!) { register(input: $input) { ${AUTH_FIELDS} } }`;
export const LOGIN = `mutation Login($input: LoginInput!) { login(input: $input) { ${AUTH_FIELDS} } }`;
export const REFRESH = `mutation Refresh($token: String) { refresh(refreshToken: $token) { ${AUTH_FIELDS} } }`;
export const ME = `query { me { id email role sessions { id current } } }`;

export function uniqueEmail(prefix = 'user'): string {
  return `${prefix}.${randomBytes(5).toString('hex')}@example.com`;
}

/** Registers a fresh user through the API and keeps the access token on the client. */
export async function registerUser(client: GraphQLClient, overrides: { email?: string; password?: string; displayName?: string } = {}) {
  const input = { email: overrides.email ?? uniqueEmail(), password: overrides.password ?? STRONG_PASSWORD, displayName: overrides.displayName };
  const { register } = await client.data<{ register: any }>(REGISTER, { input });
  client.accessToken = register.accessToken;
  return { ...register, email: input.email, password: input.password };
}
