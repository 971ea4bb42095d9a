/**
 * The permission map. `fallbackRule: deny` means a field missing from this map is refused, so a
 * new field is private until someone decides otherwise; `allowExternalErrors` lets our coded
 * errors thrown by resolvers pass through unchanged.
 */
import { allow, deny, or, shield } from 'graphql-shield';
import { ForbiddenError } from './errors.js';
import { hasScope, isAdmin, isAnonymousOrAuthenticated, isAuthenticated, isSelf, isVerifiedUser } from './rules.js';

const canReadUsers = or(isAdmin, hasScope('users:read'));

export const permissions = shield(
  {
    Query: {
      me: isAnonymousOrAuthenticated,
      sessions: isVerifiedUser,
      user: canReadUsers,
      usersByIds: canReadUsers,
      serviceAccounts: isAdmin,
      // Administration (issue 4).
      users: isAdmin,
      stats: isAdmin,
      auditEvents: isAdmin,
    },
    Mutation: {
      register: allow,
      login: allow,
      refresh: allow,
      logout: isAuthenticated,
      revokeSession: isVerifiedUser,
      revokeOtherSessions: isVerifiedUser,
      // Account lifecycle. Token holders need no session; unverified users may still verify.
      verifyEmail: isAnonymousOrAuthenticated,
      resendVerificationEmail: isAuthenticated,
      requestPasswordReset: allow,
      resetPassword: allow,
      confirmEmailChange: isAnonymousOrAuthenticated,
      changePassword: isVerifiedUser,
      updateProfile: isVerifiedUser,
      requestEmailChange: isVerifiedUser,
      deleteAccount: isVerifiedUser,
      createServiceAccount: isAdmin,
      revokeServiceAccount: isAdmin,
      serviceToken: allow,
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
    ServiceAccount: allow,
    ServiceAccountSecret: allow,
    ServiceTokenPayload: allow,
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
