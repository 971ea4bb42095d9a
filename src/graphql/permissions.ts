/**
 * The permission map. `fallbackRule: deny` means a field missing from this map is refused, so a
 * new field is private until someone decides otherwise; `allowExternalErrors` lets our coded
 * errors thrown by resolvers pass through unchanged.
 */
import { allow, deny, or, shield } from 'graphql-shield';
import { ForbiddenError } from './errors.js';
import { isAdmin, isAnonymousOrAuthenticated, isAuthenticated, isSelf } from './rules.js';

export const permissions = shield(
  {
    Query: {
      me: isAnonymousOrAuthenticated,
      sessions: isAuthenticated,
      // Administration (issue 4). `user` may later also admit other principals: or(isAdmin, ...).
      user: isAdmin,
      users: isAdmin,
      stats: isAdmin,
      auditEvents: isAdmin,
    },
    Mutation: {
      register: allow,
      login: allow,
      refresh: allow,
      logout: isAuthenticated,
      revokeSession: isAuthenticated,
      revokeOtherSessions: isAuthenticated,
      updateUser: isAdmin,
      setUserRole: isAdmin,
      suspendUser: isAdmin,
      unsuspendUser: isAdmin,
      deleteUser: isAdmin,
      revokeUserSessions: isAdmin,
    },
    User: {
      '*': allow,
      sessions: or(isSelf, isAdmin),
    },
    Session: allow,
    AuthPayload: allow,
    // Reachable only through the admin-only root fields above.
    UserConnection: allow,
    UserEdge: allow,
    PageInfo: allow,
    SystemStats: allow,
    AuditEvent: allow,
    AuditEventEdge: allow,
    AuditEventConnection: allow,
  },
  {
    fallbackRule: deny,
    allowExternalErrors: true,
    fallbackError: () => new ForbiddenError(),
  },
);
