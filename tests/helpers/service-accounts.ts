import type { GraphQLClient } from './graphql-client.js';

export const CREATE_SERVICE_ACCOUNT = `mutation Create($name: String!, $scopes: [String!]!) {
  createServiceAccount(name: $name, scopes: $scopes) {
    clientSecret
    serviceAccount { id name clientId scopes createdAt revokedAt lastUsedAt active }
  }
}`;
export const SERVICE_TOKEN = `mutation Token($clientId: String!, $clientSecret: String!) {
  serviceToken(clientId: $clientId, clientSecret: $clientSecret) { accessToken accessTokenExpiresAt scopes }
}`;
export const REVOKE_SERVICE_ACCOUNT = `mutation Revoke($id: ID!) { revokeServiceAccount(id: $id) }`;
export const USERS_BY_IDS = `query UsersByIds($ids: [ID!]!) { usersByIds(ids: $ids) { id email } }`;
export const USER = `query User($id: ID!) { user(id: $id) { id email } }`;

export interface CreatedServiceAccount {
  id: string;
  clientId: string;
  clientSecret: string;
}

/** Creates a service account through the API as the given administrator. */
export async function createServiceAccount(admin: GraphQLClient, scopes = ['users:read'], name = 'reporting'): Promise<CreatedServiceAccount> {
  const { createServiceAccount: created } = await admin.data<{ createServiceAccount: any }>(CREATE_SERVICE_ACCOUNT, { name, scopes });
  return { id: created.serviceAccount.id, clientId: created.serviceAccount.clientId, clientSecret: created.clientSecret };
}

export async function serviceToken(client: GraphQLClient, account: CreatedServiceAccount): Promise<string> {
  const { serviceToken: payload } = await client.data<{ serviceToken: any }>(SERVICE_TOKEN, { clientId: account.clientId, clientSecret: account.clientSecret });
  return payload.accessToken;
}
