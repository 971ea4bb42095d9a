/**
 * The permission map. `fallbackRule: deny` means a field missing from this map is refused, so a
 * new field is private until someone decides otherwise; `allowExternalErrors` lets our coded
 * errors thrown by resolvers pass through unchanged.
 */
import { allow, deny, or, shield } from 'graphql-shield';
import { ForbiddenError } from './errors.js';
import { hasScope, isAdmin, isAnonymousOrAuthenticated, isAuthenticated, isSelf } from './rules.js';

const canReadUsers = or(isAdmin, hasScope('users:read'));

export const permissions = shield(
  {
    Query: {
      me: isAnonymousOrAuthenticated,
      sessions: isAuthenticated,
      user: canReadUsers,
      usersByIds: canReadUsers,
      serviceAccounts: isAdmin,
    },
    Mutation: {
      register: allow,
      login: allow,
      refresh: allow,
      logout: isAuthenticated,
      revokeSession: isAuthenticated,
      revokeOtherSessions: isAuthenticated,
      createServiceAccount: isAdmin,
      revokeServiceAccount: isAdmin,
      serviceToken: allow,
    },
    User: {
      '*': allow,
      sessions: or(isSelf, isAdmin),
    },
    Session: allow,
    AuthPayload: allow,
    ServiceAccount: allow,
    ServiceAccountSecret: allow,
    ServiceTokenPayload: allow,
  },
  {
    fallbackRule: deny,
    allowExternalErrors: true,
    fallbackError: () => new ForbiddenError(),
  },
);
