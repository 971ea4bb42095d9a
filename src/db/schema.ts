/**
 * Drizzle table definitions: the single source for `drizzle-kit generate`. Timestamps are
 * `timestamptz`; secrets (refresh and one-time tokens) are stored only as SHA-256 hashes.
 */
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  index,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const timestamptz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const userRole = pgEnum('user_role', ['USER', 'ADMIN']);
export const userStatus = pgEnum('user_status', ['ACTIVE', 'SUSPENDED']);
export const oneTimeTokenPurpose = pgEnum('one_time_token_purpose', [
  'EMAIL_VERIFICATION',
  'PASSWORD_RESET',
  'EMAIL_CHANGE',
]);

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** As the user typed it (trimmed); uniqueness is on lower(email). */
    email: text('email').notNull(),
    passwordHash: text('password_hash').notNull(),
    emailVerified: boolean('email_verified').notNull().default(false),
    displayName: text('display_name'),
    avatarUrl: text('avatar_url'),
    role: userRole('role').notNull().default('USER'),
    status: userStatus('status').notNull().default('ACTIVE'),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    updatedAt: timestamptz('updated_at').notNull().defaultNow(),
    lastLoginAt: timestamptz('last_login_at'),
  },
  (t) => [
    uniqueIndex('users_email_lower_key').on(sql`lower(${t.email})`),
    index('users_created_at_id_idx').on(t.createdAt, t.id),
    // Keyset pagination of `users` by email and by last sign-in (never signed in sorts oldest).
    index('users_email_lower_id_idx').on(sql`lower(${t.email})`, t.id),
    index('users_last_login_id_idx').on(sql`coalesce(${t.lastLoginAt}, '-infinity'::timestamptz)`, t.id),
    // The last-admin check locks the admin rows; this keeps finding them cheap on large tables.
    index('users_admin_id_idx').on(t.id).where(sql`${t.role} = 'ADMIN'`),
  ],
);

export const sessions = pgTable(
  'sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    userAgent: text('user_agent'),
    ipAddress: text('ip_address'),
    createdAt: timestamptz('created_at').notNull(),
    lastUsedAt: timestamptz('last_used_at').notNull(),
    /** Idle expiry, renewed by each refresh and never later than absoluteExpiresAt. */
    expiresAt: timestamptz('expires_at').notNull(),
    absoluteExpiresAt: timestamptz('absolute_expires_at').notNull(),
    revokedAt: timestamptz('revoked_at'),
    revokedReason: text('revoked_reason'),
  },
  (t) => [index('sessions_user_id_idx').on(t.userId), index('sessions_expires_at_idx').on(t.expiresAt)],
);

/** Every refresh token a session was ever issued, so a replay of any old one is recognised. */
export const refreshTokens = pgTable(
  'refresh_tokens',
  {
    tokenHash: text('token_hash').primaryKey(),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    createdAt: timestamptz('created_at').notNull(),
    rotatedAt: timestamptz('rotated_at'),
    /** The successor token, sealed with a key only the holder of this token can derive. */
    successorSealed: text('successor_sealed'),
  },
  (t) => [index('refresh_tokens_session_id_idx').on(t.sessionId)],
);

export const oneTimeTokens = pgTable(
  'one_time_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    purpose: oneTimeTokenPurpose('purpose').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    /** Purpose-specific data, e.g. the new address for an email change. */
    payload: jsonb('payload').$type<Record<string, string>>(),
    createdAt: timestamptz('created_at').notNull(),
    expiresAt: timestamptz('expires_at').notNull(),
    consumedAt: timestamptz('consumed_at'),
  },
  (t) => [index('one_time_tokens_user_purpose_idx').on(t.userId, t.purpose)],
);

/** Security audit log. No foreign keys: records outlive the users they mention. */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    type: text('type').notNull(),
    actorId: uuid('actor_id'),
    targetUserId: uuid('target_user_id'),
    ipAddress: text('ip_address'),
    userAgent: text('user_agent'),
    metadata: jsonb('metadata').$type<Record<string, unknown>>(),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('audit_events_created_at_idx').on(t.createdAt),
    index('audit_events_target_created_idx').on(t.targetUserId, t.createdAt),
    index('audit_events_type_created_idx').on(t.type, t.createdAt),
    // Keyset pagination of `auditEvents` (id DESC) within one actor, target or type.
    index('audit_events_actor_id_idx').on(t.actorId, t.id),
    index('audit_events_target_id_idx').on(t.targetUserId, t.id),
    index('audit_events_type_id_idx').on(t.type, t.id),
  ],
);

/**
 * Non-human clients (other backend services). The secret is shown once at creation; only its
 * SHA-256 hash is kept (see src/modules/service-accounts/service-secret.ts for why that suffices).
 */
export const serviceAccounts = pgTable(
  'service_accounts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    /** Public identifier the service presents with its secret. */
    clientId: text('client_id').notNull().unique(),
    secretHash: text('secret_hash').notNull().unique(),
    scopes: text('scopes').array().notNull(),
    /** The administrator who created it; kept when that user is deleted. */
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamptz('created_at').notNull(),
    revokedAt: timestamptz('revoked_at'),
    lastUsedAt: timestamptz('last_used_at'),
  },
);

export type UserRow = typeof users.$inferSelect;
/**
 * A user as the API and a request's viewer see it: every column but the password hash, which
 * only the password checks read (users.repository findByEmail, passwordHashOf).
 */
export type UserProfile = Omit<UserRow, 'passwordHash'>;
export type SessionRow = typeof sessions.$inferSelect;
export type RefreshTokenRow = typeof refreshTokens.$inferSelect;
export type OneTimeTokenRow = typeof oneTimeTokens.$inferSelect;
export type AuditEventRow = typeof auditEvents.$inferSelect;
export type ServiceAccountRow = typeof serviceAccounts.$inferSelect;
