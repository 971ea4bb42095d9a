/* eslint-disable */
import * as types from './graphql.js';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "mutation CreateServiceAccount($name: String!, $scopes: [String!]!) {\n  createServiceAccount(name: $name, scopes: $scopes) {\n    clientSecret\n    serviceAccount {\n      ...ServiceAccountFields\n    }\n  }\n}": typeof types.CreateServiceAccountDocument,
    "fragment UserFields on User {\n  id\n  email\n  emailVerified\n  displayName\n  avatarUrl\n  role\n  status\n  createdAt\n  updatedAt\n  lastLoginAt\n}\n\nfragment SessionFields on Session {\n  id\n  userAgent\n  ipAddress\n  createdAt\n  lastUsedAt\n  expiresAt\n  current\n}\n\nfragment AuthPayloadFields on AuthPayload {\n  accessToken\n  accessTokenExpiresAt\n  refreshTokenExpiresAt\n  user {\n    ...UserFields\n  }\n  session {\n    ...SessionFields\n  }\n}\n\nfragment ServiceAccountFields on ServiceAccount {\n  id\n  name\n  clientId\n  scopes\n  createdAt\n  revokedAt\n  lastUsedAt\n  active\n}": typeof types.UserFieldsFragmentDoc,
    "mutation Login($input: LoginInput!) {\n  login(input: $input) {\n    ...AuthPayloadFields\n  }\n}": typeof types.LoginDocument,
    "mutation Logout {\n  logout\n}": typeof types.LogoutDocument,
    "query Me {\n  me {\n    ...UserFields\n  }\n}": typeof types.MeDocument,
    "mutation Refresh($refreshToken: String) {\n  refresh(refreshToken: $refreshToken) {\n    ...AuthPayloadFields\n  }\n}": typeof types.RefreshDocument,
    "mutation Register($input: RegisterInput!) {\n  register(input: $input) {\n    ...AuthPayloadFields\n  }\n}": typeof types.RegisterDocument,
    "mutation RevokeOtherSessions {\n  revokeOtherSessions\n}": typeof types.RevokeOtherSessionsDocument,
    "mutation RevokeServiceAccount($id: ID!) {\n  revokeServiceAccount(id: $id)\n}": typeof types.RevokeServiceAccountDocument,
    "mutation RevokeSession($id: ID!) {\n  revokeSession(id: $id)\n}": typeof types.RevokeSessionDocument,
    "query ServiceAccounts {\n  serviceAccounts {\n    ...ServiceAccountFields\n  }\n}": typeof types.ServiceAccountsDocument,
    "mutation ServiceToken($clientId: String!, $clientSecret: String!) {\n  serviceToken(clientId: $clientId, clientSecret: $clientSecret) {\n    accessToken\n    accessTokenExpiresAt\n    scopes\n  }\n}": typeof types.ServiceTokenDocument,
    "query Sessions {\n  sessions {\n    ...SessionFields\n  }\n}": typeof types.SessionsDocument,
    "query User($id: ID!) {\n  user(id: $id) {\n    ...UserFields\n  }\n}": typeof types.UserDocument,
    "query UsersByIds($ids: [ID!]!) {\n  usersByIds(ids: $ids) {\n    ...UserFields\n  }\n}": typeof types.UsersByIdsDocument,
};
const documents: Documents = {
    "mutation CreateServiceAccount($name: String!, $scopes: [String!]!) {\n  createServiceAccount(name: $name, scopes: $scopes) {\n    clientSecret\n    serviceAccount {\n      ...ServiceAccountFields\n    }\n  }\n}": types.CreateServiceAccountDocument,
    "fragment UserFields on User {\n  id\n  email\n  emailVerified\n  displayName\n  avatarUrl\n  role\n  status\n  createdAt\n  updatedAt\n  lastLoginAt\n}\n\nfragment SessionFields on Session {\n  id\n  userAgent\n  ipAddress\n  createdAt\n  lastUsedAt\n  expiresAt\n  current\n}\n\nfragment AuthPayloadFields on AuthPayload {\n  accessToken\n  accessTokenExpiresAt\n  refreshTokenExpiresAt\n  user {\n    ...UserFields\n  }\n  session {\n    ...SessionFields\n  }\n}\n\nfragment ServiceAccountFields on ServiceAccount {\n  id\n  name\n  clientId\n  scopes\n  createdAt\n  revokedAt\n  lastUsedAt\n  active\n}": types.UserFieldsFragmentDoc,
    "mutation Login($input: LoginInput!) {\n  login(input: $input) {\n    ...AuthPayloadFields\n  }\n}": types.LoginDocument,
    "mutation Logout {\n  logout\n}": types.LogoutDocument,
    "query Me {\n  me {\n    ...UserFields\n  }\n}": types.MeDocument,
    "mutation Refresh($refreshToken: String) {\n  refresh(refreshToken: $refreshToken) {\n    ...AuthPayloadFields\n  }\n}": types.RefreshDocument,
    "mutation Register($input: RegisterInput!) {\n  register(input: $input) {\n    ...AuthPayloadFields\n  }\n}": types.RegisterDocument,
    "mutation RevokeOtherSessions {\n  revokeOtherSessions\n}": types.RevokeOtherSessionsDocument,
    "mutation RevokeServiceAccount($id: ID!) {\n  revokeServiceAccount(id: $id)\n}": types.RevokeServiceAccountDocument,
    "mutation RevokeSession($id: ID!) {\n  revokeSession(id: $id)\n}": types.RevokeSessionDocument,
    "query ServiceAccounts {\n  serviceAccounts {\n    ...ServiceAccountFields\n  }\n}": types.ServiceAccountsDocument,
    "mutation ServiceToken($clientId: String!, $clientSecret: String!) {\n  serviceToken(clientId: $clientId, clientSecret: $clientSecret) {\n    accessToken\n    accessTokenExpiresAt\n    scopes\n  }\n}": types.ServiceTokenDocument,
    "query Sessions {\n  sessions {\n    ...SessionFields\n  }\n}": types.SessionsDocument,
    "query User($id: ID!) {\n  user(id: $id) {\n    ...UserFields\n  }\n}": types.UserDocument,
    "query UsersByIds($ids: [ID!]!) {\n  usersByIds(ids: $ids) {\n    ...UserFields\n  }\n}": types.UsersByIdsDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CreateServiceAccount($name: String!, $scopes: [String!]!) {\n  createServiceAccount(name: $name, scopes: $scopes) {\n    clientSecret\n    serviceAccount {\n      ...ServiceAccountFields\n    }\n  }\n}"): (typeof documents)["mutation CreateServiceAccount($name: String!, $scopes: [String!]!) {\n  createServiceAccount(name: $name, scopes: $scopes) {\n    clientSecret\n    serviceAccount {\n      ...ServiceAccountFields\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment UserFields on User {\n  id\n  email\n  emailVerified\n  displayName\n  avatarUrl\n  role\n  status\n  createdAt\n  updatedAt\n  lastLoginAt\n}\n\nfragment SessionFields on Session {\n  id\n  userAgent\n  ipAddress\n  createdAt\n  lastUsedAt\n  expiresAt\n  current\n}\n\nfragment AuthPayloadFields on AuthPayload {\n  accessToken\n  accessTokenExpiresAt\n  refreshTokenExpiresAt\n  user {\n    ...UserFields\n  }\n  session {\n    ...SessionFields\n  }\n}\n\nfragment ServiceAccountFields on ServiceAccount {\n  id\n  name\n  clientId\n  scopes\n  createdAt\n  revokedAt\n  lastUsedAt\n  active\n}"): (typeof documents)["fragment UserFields on User {\n  id\n  email\n  emailVerified\n  displayName\n  avatarUrl\n  role\n  status\n  createdAt\n  updatedAt\n  lastLoginAt\n}\n\nfragment SessionFields on Session {\n  id\n  userAgent\n  ipAddress\n  createdAt\n  lastUsedAt\n  expiresAt\n  current\n}\n\nfragment AuthPayloadFields on AuthPayload {\n  accessToken\n  accessTokenExpiresAt\n  refreshTokenExpiresAt\n  user {\n    ...UserFields\n  }\n  session {\n    ...SessionFields\n  }\n}\n\nfragment ServiceAccountFields on ServiceAccount {\n  id\n  name\n  clientId\n  scopes\n  createdAt\n  revokedAt\n  lastUsedAt\n  active\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation Login($input: LoginInput!) {\n  login(input: $input) {\n    ...AuthPayloadFields\n  }\n}"): (typeof documents)["mutation Login($input: LoginInput!) {\n  login(input: $input) {\n    ...AuthPayloadFields\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation Logout {\n  logout\n}"): (typeof documents)["mutation Logout {\n  logout\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Me {\n  me {\n    ...UserFields\n  }\n}"): (typeof documents)["query Me {\n  me {\n    ...UserFields\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation Refresh($refreshToken: String) {\n  refresh(refreshToken: $refreshToken) {\n    ...AuthPayloadFields\n  }\n}"): (typeof documents)["mutation Refresh($refreshToken: String) {\n  refresh(refreshToken: $refreshToken) {\n    ...AuthPayloadFields\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation Register($input: RegisterInput!) {\n  register(input: $input) {\n    ...AuthPayloadFields\n  }\n}"): (typeof documents)["mutation Register($input: RegisterInput!) {\n  register(input: $input) {\n    ...AuthPayloadFields\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RevokeOtherSessions {\n  revokeOtherSessions\n}"): (typeof documents)["mutation RevokeOtherSessions {\n  revokeOtherSessions\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RevokeServiceAccount($id: ID!) {\n  revokeServiceAccount(id: $id)\n}"): (typeof documents)["mutation RevokeServiceAccount($id: ID!) {\n  revokeServiceAccount(id: $id)\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RevokeSession($id: ID!) {\n  revokeSession(id: $id)\n}"): (typeof documents)["mutation RevokeSession($id: ID!) {\n  revokeSession(id: $id)\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ServiceAccounts {\n  serviceAccounts {\n    ...ServiceAccountFields\n  }\n}"): (typeof documents)["query ServiceAccounts {\n  serviceAccounts {\n    ...ServiceAccountFields\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ServiceToken($clientId: String!, $clientSecret: String!) {\n  serviceToken(clientId: $clientId, clientSecret: $clientSecret) {\n    accessToken\n    accessTokenExpiresAt\n    scopes\n  }\n}"): (typeof documents)["mutation ServiceToken($clientId: String!, $clientSecret: String!) {\n  serviceToken(clientId: $clientId, clientSecret: $clientSecret) {\n    accessToken\n    accessTokenExpiresAt\n    scopes\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Sessions {\n  sessions {\n    ...SessionFields\n  }\n}"): (typeof documents)["query Sessions {\n  sessions {\n    ...SessionFields\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query User($id: ID!) {\n  user(id: $id) {\n    ...UserFields\n  }\n}"): (typeof documents)["query User($id: ID!) {\n  user(id: $id) {\n    ...UserFields\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query UsersByIds($ids: [ID!]!) {\n  usersByIds(ids: $ids) {\n    ...UserFields\n  }\n}"): (typeof documents)["query UsersByIds($ids: [ID!]!) {\n  usersByIds(ids: $ids) {\n    ...UserFields\n  }\n}"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;