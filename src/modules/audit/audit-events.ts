import type { AuditEventInput } from './audit.repository.js';
import type { RequestMeta } from '../request-meta.js';

/** Audit event types; stable strings stored in audit_events.type. */
export const AUDIT_EVENTS = {
  USER_REGISTERED: 'user.registered',
  LOGIN_SUCCEEDED: 'login.succeeded',
  LOGIN_FAILED: 'login.failed',
  LOGOUT: 'session.logout',
  SESSION_REVOKED: 'session.revoked',
  REFRESH_TOKEN_REUSE: 'session.refresh_token_reuse',
  EMAIL_VERIFIED: 'account.email_verified',
  PASSWORD_CHANGED: 'account.password_changed',
  PASSWORD_RESET_REQUESTED: 'account.password_reset_requested',
  PASSWORD_RESET: 'account.password_reset',
  EMAIL_CHANGE_REQUESTED: 'account.email_change_requested',
  EMAIL_CHANGE_CONFIRMED: 'account.email_change_confirmed',
  PROFILE_UPDATED: 'account.profile_updated',
  ACCOUNT_DELETED: 'account.deleted',
  SERVICE_ACCOUNT_CREATED: 'service_account.created',
  SERVICE_ACCOUNT_REVOKED: 'service_account.revoked',
  // Administration (issue 4); actorId is the administrator, or null for the CLI and bootstrap.
  USER_CREATED_BY_ADMIN: 'user.created_by_admin',
  USER_ROLE_CHANGED: 'user.role_changed',
  USER_SUSPENDED: 'user.suspended',
  USER_UNSUSPENDED: 'user.unsuspended',
  USER_UPDATED: 'user.updated',
  USER_DELETED: 'user.deleted',
  USER_SESSIONS_REVOKED: 'user.sessions_revoked',
} as const;

export type AuditEventType = (typeof AUDIT_EVENTS)[keyof typeof AUDIT_EVENTS];

export interface AuditDetails {
  actorId?: string | null;
  targetUserId?: string | null;
  /** Never passwords or tokens. */
  metadata?: Record<string, unknown>;
}

/** An audit record stamped with the request's time, IP and user agent. */
export function auditEvent(type: AuditEventType, meta: RequestMeta, details: AuditDetails): AuditEventInput {
  return {
    type,
    actorId: details.actorId ?? null,
    targetUserId: details.targetUserId ?? null,
    ipAddress: meta.ipAddress,
    userAgent: meta.userAgent,
    metadata: details.metadata ?? null,
    createdAt: meta.now,
  };
}
