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
    "query AuditEvents($first: Int, $after: String, $filter: AuditEventFilter) {\n  auditEvents(first: $first, after: $after, filter: $filter) {\n    edges {\n      cursor\n      node {\n        ...AuditEventFields\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}": typeof types.AuditEventsDocument,
    "mutation ChangePassword($currentPassword: String!, $newPassword: String!) {\n  changePassword(currentPassword: $currentPassword, newPassword: $newPassword)\n}": typeof types.ChangePasswordDocument,
    "mutation ConfirmEmailChange($token: String!) {\n  confirmEmailChange(token: $token) {\n    ...UserFields\n  }\n}": typeof types.ConfirmEmailChangeDocument,
    "mutation CreateServiceAccount($name: String!, $scopes: [String!]!) {\n  createServiceAccount(name: $name, scopes: $scopes) {\n    clientSecret\n    serviceAccount {\n      ...ServiceAccountFields\n    }\n  }\n}": typeof types.CreateServiceAccountDocument,
    "mutation DeleteAccount($password: String!) {\n  deleteAccount(password: $password)\n}": typeof types.DeleteAccountDocument,
    "mutation DeleteUser($id: ID!) {\n  deleteUser(id: $id)\n}": typeof types.DeleteUserDocument,
    "fragment UserFields on User {\n  id\n  email\n  emailVerified\n  displayName\n  avatarUrl\n  role\n  status\n  createdAt\n  updatedAt\n  lastLoginAt\n}\n\nfragment SessionFields on Session {\n  id\n  userAgent\n  ipAddress\n  createdAt\n  lastUsedAt\n  expiresAt\n  current\n}\n\nfragment AuthPayloadFields on AuthPayload {\n  accessToken\n  accessTokenExpiresAt\n  refreshTokenExpiresAt\n  user {\n    ...UserFields\n  }\n  session {\n    ...SessionFields\n  }\n}\n\nfragment ServiceAccountFields on ServiceAccount {\n  id\n  name\n  clientId\n  scopes\n  createdAt\n  revokedAt\n  lastUsedAt\n  active\n}\n\nfragment AuditEventFields on AuditEvent {\n  id\n  type\n  actorId\n  targetUserId\n  ipAddress\n  userAgent\n  metadata\n  createdAt\n}": typeof types.UserFieldsFragmentDoc,
    "mutation Login($input: LoginInput!) {\n  login(input: $input) {\n    ...AuthPayloadFields\n  }\n}": typeof types.LoginDocument,
    "mutation Logout {\n  logout\n}": typeof types.LogoutDocument,
    "query Me {\n  me {\n    ...UserFields\n  }\n}": typeof types.MeDocument,
    "mutation Refresh($refreshToken: String) {\n  refresh(refreshToken: $refreshToken) {\n    ...AuthPayloadFields\n  }\n}": typeof types.RefreshDocument,
    "mutation Register($input: RegisterInput!) {\n  register(input: $input) {\n    ...AuthPayloadFields\n  }\n}": typeof types.RegisterDocument,
    "mutation RequestEmailChange($newEmail: String!, $password: String!) {\n  requestEmailChange(newEmail: $newEmail, password: $password)\n}": typeof types.RequestEmailChangeDocument,
    "mutation RequestPasswordReset($email: String!) {\n  requestPasswordReset(email: $email)\n}": typeof types.RequestPasswordResetDocument,
    "mutation ResendVerificationEmail {\n  resendVerificationEmail\n}": typeof types.ResendVerificationEmailDocument,
    "mutation ResetPassword($token: String!, $newPassword: String!) {\n  resetPassword(token: $token, newPassword: $newPassword)\n}": typeof types.ResetPasswordDocument,
    "mutation RevokeOtherSessions {\n  revokeOtherSessions\n}": typeof types.RevokeOtherSessionsDocument,
    "mutation RevokeServiceAccount($id: ID!) {\n  revokeServiceAccount(id: $id)\n}": typeof types.RevokeServiceAccountDocument,
    "mutation RevokeSession($id: ID!) {\n  revokeSession(id: $id)\n}": typeof types.RevokeSessionDocument,
    "mutation RevokeUserSessions($id: ID!) {\n  revokeUserSessions(id: $id)\n}": typeof types.RevokeUserSessionsDocument,
    "query ServiceAccounts {\n  serviceAccounts {\n    ...ServiceAccountFields\n  }\n}": typeof types.ServiceAccountsDocument,
    "mutation ServiceToken($clientId: String!, $clientSecret: String!) {\n  serviceToken(clientId: $clientId, clientSecret: $clientSecret) {\n    accessToken\n    accessTokenExpiresAt\n    scopes\n  }\n}": typeof types.ServiceTokenDocument,
    "query Sessions {\n  sessions {\n    ...SessionFields\n  }\n}": typeof types.SessionsDocument,
    "mutation SetUserRole($id: ID!, $role: Role!) {\n  setUserRole(id: $id, role: $role) {\n    ...UserFields\n  }\n}": typeof types.SetUserRoleDocument,
    "query Stats {\n  stats {\n    totalUsers\n    verifiedUsers\n    suspendedUsers\n    admins\n    activeSessions\n    signupsLast24h\n    signupsLast7d\n    loginsLast24h\n    failedLoginsLast24h\n  }\n}": typeof types.StatsDocument,
    "mutation SuspendUser($id: ID!, $reason: String) {\n  suspendUser(id: $id, reason: $reason) {\n    ...UserFields\n  }\n}": typeof types.SuspendUserDocument,
    "mutation UnsuspendUser($id: ID!) {\n  unsuspendUser(id: $id) {\n    ...UserFields\n  }\n}": typeof types.UnsuspendUserDocument,
    "mutation UpdateProfile($input: UpdateProfileInput!) {\n  updateProfile(input: $input) {\n    ...UserFields\n  }\n}": typeof types.UpdateProfileDocument,
    "mutation UpdateUser($id: ID!, $input: AdminUserUpdateInput!) {\n  updateUser(id: $id, input: $input) {\n    ...UserFields\n  }\n}": typeof types.UpdateUserDocument,
    "query User($id: ID!) {\n  user(id: $id) {\n    ...UserFields\n  }\n}": typeof types.UserDocument,
    "query UsersByIds($ids: [ID!]!) {\n  usersByIds(ids: $ids) {\n    ...UserFields\n  }\n}": typeof types.UsersByIdsDocument,
    "query Users($first: Int, $after: String, $filter: UserFilter, $orderBy: UserOrder) {\n  users(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {\n    edges {\n      cursor\n      node {\n        ...UserFields\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}": typeof types.UsersDocument,
    "mutation VerifyEmail($token: String!) {\n  verifyEmail(token: $token) {\n    ...UserFields\n  }\n}": typeof types.VerifyEmailDocument,
};
const documents: Documents = {
    "query AuditEvents($first: Int, $after: String, $filter: AuditEventFilter) {\n  auditEvents(first: $first, after: $after, filter: $filter) {\n    edges {\n      cursor\n      node {\n        ...AuditEventFields\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}": types.AuditEventsDocument,
    "mutation ChangePassword($currentPassword: String!, $newPassword: String!) {\n  changePassword(currentPassword: $currentPassword, newPassword: $newPassword)\n}": types.ChangePasswordDocument,
    "mutation ConfirmEmailChange($token: String!) {\n  confirmEmailChange(token: $token) {\n    ...UserFields\n  }\n}": types.ConfirmEmailChangeDocument,
    "mutation CreateServiceAccount($name: String!, $scopes: [String!]!) {\n  createServiceAccount(name: $name, scopes: $scopes) {\n    clientSecret\n    serviceAccount {\n      ...ServiceAccountFields\n    }\n  }\n}": types.CreateServiceAccountDocument,
    "mutation DeleteAccount($password: String!) {\n  deleteAccount(password: $password)\n}": types.DeleteAccountDocument,
    "mutation DeleteUser($id: ID!) {\n  deleteUser(id: $id)\n}": types.DeleteUserDocument,
    "fragment UserFields on User {\n  id\n  email\n  emailVerified\n  displayName\n  avatarUrl\n  role\n  status\n  createdAt\n  updatedAt\n  lastLoginAt\n}\n\nfragment SessionFields on Session {\n  id\n  userAgent\n  ipAddress\n  createdAt\n  lastUsedAt\n  expiresAt\n  current\n}\n\nfragment AuthPayloadFields on AuthPayload {\n  accessToken\n  accessTokenExpiresAt\n  refreshTokenExpiresAt\n  user {\n    ...UserFields\n  }\n  session {\n    ...SessionFields\n  }\n}\n\nfragment ServiceAccountFields on ServiceAccount {\n  id\n  name\n  clientId\n  scopes\n  createdAt\n  revokedAt\n  lastUsedAt\n  active\n}\n\nfragment AuditEventFields on AuditEvent {\n  id\n  type\n  actorId\n  targetUserId\n  ipAddress\n  userAgent\n  metadata\n  createdAt\n}": types.UserFieldsFragmentDoc,
    "mutation Login($input: LoginInput!) {\n  login(input: $input) {\n    ...AuthPayloadFields\n  }\n}": types.LoginDocument,
    "mutation Logout {\n  logout\n}": types.LogoutDocument,
    "query Me {\n  me {\n    ...UserFields\n  }\n}": types.MeDocument,
    "mutation Refresh($refreshToken: String) {\n  refresh(refreshToken: $refreshToken) {\n    ...AuthPayloadFields\n  }\n}": types.RefreshDocument,
    "mutation Register($input: RegisterInput!) {\n  register(input: $input) {\n    ...AuthPayloadFields\n  }\n}": types.RegisterDocument,
    "mutation RequestEmailChange($newEmail: String!, $password: String!) {\n  requestEmailChange(newEmail: $newEmail, password: $password)\n}": types.RequestEmailChangeDocument,
    "mutation RequestPasswordReset($email: String!) {\n  requestPasswordReset(email: $email)\n}": types.RequestPasswordResetDocument,
    "mutation ResendVerificationEmail {\n  resendVerificationEmail\n}": types.ResendVerificationEmailDocument,
    "mutation ResetPassword($token: String!, $newPassword: String!) {\n  resetPassword(token: $token, newPassword: $newPassword)\n}": types.ResetPasswordDocument,
    "mutation RevokeOtherSessions {\n  revokeOtherSessions\n}": types.RevokeOtherSessionsDocument,
    "mutation RevokeServiceAccount($id: ID!) {\n  revokeServiceAccount(id: $id)\n}": types.RevokeServiceAccountDocument,
    "mutation RevokeSession($id: ID!) {\n  revokeSession(id: $id)\n}": types.RevokeSessionDocument,
    "mutation RevokeUserSessions($id: ID!) {\n  revokeUserSessions(id: $id)\n}": types.RevokeUserSessionsDocument,
    "query ServiceAccounts {\n  serviceAccounts {\n    ...ServiceAccountFields\n  }\n}": types.ServiceAccountsDocument,
    "mutation ServiceToken($clientId: String!, $clientSecret: String!) {\n  serviceToken(clientId: $clientId, clientSecret: $clientSecret) {\n    accessToken\n    accessTokenExpiresAt\n    scopes\n  }\n}": types.ServiceTokenDocument,
    "query Sessions {\n  sessions {\n    ...SessionFields\n  }\n}": types.SessionsDocument,
    "mutation SetUserRole($id: ID!, $role: Role!) {\n  setUserRole(id: $id, role: $role) {\n    ...UserFields\n  }\n}": types.SetUserRoleDocument,
    "query Stats {\n  stats {\n    totalUsers\n    verifiedUsers\n    suspendedUsers\n    admins\n    activeSessions\n    signupsLast24h\n    signupsLast7d\n    loginsLast24h\n    failedLoginsLast24h\n  }\n}": types.StatsDocument,
    "mutation SuspendUser($id: ID!, $reason: String) {\n  suspendUser(id: $id, reason: $reason) {\n    ...UserFields\n  }\n}": types.SuspendUserDocument,
    "mutation UnsuspendUser($id: ID!) {\n  unsuspendUser(id: $id) {\n    ...UserFields\n  }\n}": types.UnsuspendUserDocument,
    "mutation UpdateProfile($input: UpdateProfileInput!) {\n  updateProfile(input: $input) {\n    ...UserFields\n  }\n}": types.UpdateProfileDocument,
    "mutation UpdateUser($id: ID!, $input: AdminUserUpdateInput!) {\n  updateUser(id: $id, input: $input) {\n    ...UserFields\n  }\n}": types.UpdateUserDocument,
    "query User($id: ID!) {\n  user(id: $id) {\n    ...UserFields\n  }\n}": types.UserDocument,
    "query UsersByIds($ids: [ID!]!) {\n  usersByIds(ids: $ids) {\n    ...UserFields\n  }\n}": types.UsersByIdsDocument,
    "query Users($first: Int, $after: String, $filter: UserFilter, $orderBy: UserOrder) {\n  users(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {\n    edges {\n      cursor\n      node {\n        ...UserFields\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}": types.UsersDocument,
    "mutation VerifyEmail($token: String!) {\n  verifyEmail(token: $token) {\n    ...UserFields\n  }\n}": types.VerifyEmailDocument,
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
export function graphql(source: "query AuditEvents($first: Int, $after: String, $filter: AuditEventFilter) {\n  auditEvents(first: $first, after: $after, filter: $filter) {\n    edges {\n      cursor\n      node {\n        ...AuditEventFields\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}"): (typeof documents)["query AuditEvents($first: Int, $after: String, $filter: AuditEventFilter) {\n  auditEvents(first: $first, after: $after, filter: $filter) {\n    edges {\n      cursor\n      node {\n        ...AuditEventFields\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ChangePassword($currentPassword: String!, $newPassword: String!) {\n  changePassword(currentPassword: $currentPassword, newPassword: $newPassword)\n}"): (typeof documents)["mutation ChangePassword($currentPassword: String!, $newPassword: String!) {\n  changePassword(currentPassword: $currentPassword, newPassword: $newPassword)\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ConfirmEmailChange($token: String!) {\n  confirmEmailChange(token: $token) {\n    ...UserFields\n  }\n}"): (typeof documents)["mutation ConfirmEmailChange($token: String!) {\n  confirmEmailChange(token: $token) {\n    ...UserFields\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CreateServiceAccount($name: String!, $scopes: [String!]!) {\n  createServiceAccount(name: $name, scopes: $scopes) {\n    clientSecret\n    serviceAccount {\n      ...ServiceAccountFields\n    }\n  }\n}"): (typeof documents)["mutation CreateServiceAccount($name: String!, $scopes: [String!]!) {\n  createServiceAccount(name: $name, scopes: $scopes) {\n    clientSecret\n    serviceAccount {\n      ...ServiceAccountFields\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation DeleteAccount($password: String!) {\n  deleteAccount(password: $password)\n}"): (typeof documents)["mutation DeleteAccount($password: String!) {\n  deleteAccount(password: $password)\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation DeleteUser($id: ID!) {\n  deleteUser(id: $id)\n}"): (typeof documents)["mutation DeleteUser($id: ID!) {\n  deleteUser(id: $id)\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment UserFields on User {\n  id\n  email\n  emailVerified\n  displayName\n  avatarUrl\n  role\n  status\n  createdAt\n  updatedAt\n  lastLoginAt\n}\n\nfragment SessionFields on Session {\n  id\n  userAgent\n  ipAddress\n  createdAt\n  lastUsedAt\n  expiresAt\n  current\n}\n\nfragment AuthPayloadFields on AuthPayload {\n  accessToken\n  accessTokenExpiresAt\n  refreshTokenExpiresAt\n  user {\n    ...UserFields\n  }\n  session {\n    ...SessionFields\n  }\n}\n\nfragment ServiceAccountFields on ServiceAccount {\n  id\n  name\n  clientId\n  scopes\n  createdAt\n  revokedAt\n  lastUsedAt\n  active\n}\n\nfragment AuditEventFields on AuditEvent {\n  id\n  type\n  actorId\n  targetUserId\n  ipAddress\n  userAgent\n  metadata\n  createdAt\n}"): (typeof documents)["fragment UserFields on User {\n  id\n  email\n  emailVerified\n  displayName\n  avatarUrl\n  role\n  status\n  createdAt\n  updatedAt\n  lastLoginAt\n}\n\nfragment SessionFields on Session {\n  id\n  userAgent\n  ipAddress\n  createdAt\n  lastUsedAt\n  expiresAt\n  current\n}\n\nfragment AuthPayloadFields on AuthPayload {\n  accessToken\n  accessTokenExpiresAt\n  refreshTokenExpiresAt\n  user {\n    ...UserFields\n  }\n  session {\n    ...SessionFields\n  }\n}\n\nfragment ServiceAccountFields on ServiceAccount {\n  id\n  name\n  clientId\n  scopes\n  createdAt\n  revokedAt\n  lastUsedAt\n  active\n}\n\nfragment AuditEventFields on AuditEvent {\n  id\n  type\n  actorId\n  targetUserId\n  ipAddress\n  userAgent\n  metadata\n  createdAt\n}"];
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
export function graphql(source: "mutation RequestEmailChange($newEmail: String!, $password: String!) {\n  requestEmailChange(newEmail: $newEmail, password: $password)\n}"): (typeof documents)["mutation RequestEmailChange($newEmail: String!, $password: String!) {\n  requestEmailChange(newEmail: $newEmail, password: $password)\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RequestPasswordReset($email: String!) {\n  requestPasswordReset(email: $email)\n}"): (typeof documents)["mutation RequestPasswordReset($email: String!) {\n  requestPasswordReset(email: $email)\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ResendVerificationEmail {\n  resendVerificationEmail\n}"): (typeof documents)["mutation ResendVerificationEmail {\n  resendVerificationEmail\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ResetPassword($token: String!, $newPassword: String!) {\n  resetPassword(token: $token, newPassword: $newPassword)\n}"): (typeof documents)["mutation ResetPassword($token: String!, $newPassword: String!) {\n  resetPassword(token: $token, newPassword: $newPassword)\n}"];
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
export function graphql(source: "mutation RevokeUserSessions($id: ID!) {\n  revokeUserSessions(id: $id)\n}"): (typeof documents)["mutation RevokeUserSessions($id: ID!) {\n  revokeUserSessions(id: $id)\n}"];
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
export function graphql(source: "mutation SetUserRole($id: ID!, $role: Role!) {\n  setUserRole(id: $id, role: $role) {\n    ...UserFields\n  }\n}"): (typeof documents)["mutation SetUserRole($id: ID!, $role: Role!) {\n  setUserRole(id: $id, role: $role) {\n    ...UserFields\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Stats {\n  stats {\n    totalUsers\n    verifiedUsers\n    suspendedUsers\n    admins\n    activeSessions\n    signupsLast24h\n    signupsLast7d\n    loginsLast24h\n    failedLoginsLast24h\n  }\n}"): (typeof documents)["query Stats {\n  stats {\n    totalUsers\n    verifiedUsers\n    suspendedUsers\n    admins\n    activeSessions\n    signupsLast24h\n    signupsLast7d\n    loginsLast24h\n    failedLoginsLast24h\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation SuspendUser($id: ID!, $reason: String) {\n  suspendUser(id: $id, reason: $reason) {\n    ...UserFields\n  }\n}"): (typeof documents)["mutation SuspendUser($id: ID!, $reason: String) {\n  suspendUser(id: $id, reason: $reason) {\n    ...UserFields\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation UnsuspendUser($id: ID!) {\n  unsuspendUser(id: $id) {\n    ...UserFields\n  }\n}"): (typeof documents)["mutation UnsuspendUser($id: ID!) {\n  unsuspendUser(id: $id) {\n    ...UserFields\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation UpdateProfile($input: UpdateProfileInput!) {\n  updateProfile(input: $input) {\n    ...UserFields\n  }\n}"): (typeof documents)["mutation UpdateProfile($input: UpdateProfileInput!) {\n  updateProfile(input: $input) {\n    ...UserFields\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation UpdateUser($id: ID!, $input: AdminUserUpdateInput!) {\n  updateUser(id: $id, input: $input) {\n    ...UserFields\n  }\n}"): (typeof documents)["mutation UpdateUser($id: ID!, $input: AdminUserUpdateInput!) {\n  updateUser(id: $id, input: $input) {\n    ...UserFields\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query User($id: ID!) {\n  user(id: $id) {\n    ...UserFields\n  }\n}"): (typeof documents)["query User($id: ID!) {\n  user(id: $id) {\n    ...UserFields\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query UsersByIds($ids: [ID!]!) {\n  usersByIds(ids: $ids) {\n    ...UserFields\n  }\n}"): (typeof documents)["query UsersByIds($ids: [ID!]!) {\n  usersByIds(ids: $ids) {\n    ...UserFields\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Users($first: Int, $after: String, $filter: UserFilter, $orderBy: UserOrder) {\n  users(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {\n    edges {\n      cursor\n      node {\n        ...UserFields\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}"): (typeof documents)["query Users($first: Int, $after: String, $filter: UserFilter, $orderBy: UserOrder) {\n  users(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {\n    edges {\n      cursor\n      node {\n        ...UserFields\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation VerifyEmail($token: String!) {\n  verifyEmail(token: $token) {\n    ...UserFields\n  }\n}"): (typeof documents)["mutation VerifyEmail($token: String!) {\n  verifyEmail(token: $token) {\n    ...UserFields\n  }\n}"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;