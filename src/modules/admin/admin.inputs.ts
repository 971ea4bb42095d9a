/**
 * Argument validation for the administration fields. Each function returns clean values or throws
 * BAD_USER_INPUT naming the leaf argument; nothing reaches a service unchecked.
 */
import { isUuid } from '../../db/errors.js';
import type { AdminUserUpdateInput, AuditEventFilter, UserFilter, UserOrder } from '../../generated/graphql.js';
import { UserInputError } from '../../graphql/errors.js';
import { parseDisplayName, parseEmail } from '../auth/auth.inputs.js';
import type { UserListFilter } from './admin.repository.js';
import type { AdminUserUpdate } from './admin.service.js';

export const PAGE_SIZE_MAX = 100;
const SEARCH_MAX = 100;
const REASON_MAX = 500;
const CURSOR_MAX = 1024;
const AUDIT_TYPE_MAX = 100;
/** Control characters and lone surrogates: PostgreSQL refuses NUL, and none belong in these fields. */
const CONTROL = /[\p{Cc}\p{Cs}]/u;
/**
 * Instants a filter may name: years 1 to 9999. The DateTime scalar accepts year 0 (and JavaScript
 * dates go further), but PostgreSQL has no year 0 in ISO form and refuses such a parameter, which
 * would surface as a masked INTERNAL_SERVER_ERROR instead of a clear BAD_USER_INPUT.
 */
const INSTANT_MIN = Date.parse('0001-01-01T00:00:00.000Z');
const INSTANT_MAX = Date.parse('9999-12-31T23:59:59.999Z');

/** 1..100; an explicit null means the default. */
export function parseFirst(first: number | null | undefined, fallback: number): number {
  const value = first ?? fallback;
  if (!Number.isInteger(value) || value < 1 || value > PAGE_SIZE_MAX) {
    throw new UserInputError('first', `first must be between 1 and ${PAGE_SIZE_MAX}`);
  }
  return value;
}

export function parseAfter(after: string | null | undefined): string | null {
  if (after === null || after === undefined) return null;
  if (after.length === 0 || after.length > CURSOR_MAX) throw new UserInputError('after', 'Not a cursor of this list');
  return after;
}

export function parseUserFilter(filter: UserFilter | null | undefined): UserListFilter {
  if (!filter) return {};
  const search = filter.search?.trim();
  if (search !== undefined && ([...search].length > SEARCH_MAX || CONTROL.test(search))) {
    throw new UserInputError('search', `search must be at most ${SEARCH_MAX} characters, without control characters`);
  }
  return {
    search: search || undefined,
    role: filter.role ?? undefined,
    status: filter.status ?? undefined,
    emailVerified: filter.emailVerified ?? undefined,
    createdAfter: parseInstant(filter.createdAfter, 'createdAfter'),
    createdBefore: parseInstant(filter.createdBefore, 'createdBefore'),
  };
}

/** Default: newest accounts first. */
export function parseUserOrder(order: UserOrder | null | undefined) {
  return { field: order?.field ?? 'CREATED_AT', direction: order?.direction ?? 'DESC' } as const;
}

export function parseAuditFilter(filter: AuditEventFilter | null | undefined) {
  if (!filter) return {};
  if (filter.type && (filter.type.length > AUDIT_TYPE_MAX || CONTROL.test(filter.type))) throw new UserInputError('type', 'Not an audit event type');
  for (const field of ['actorId', 'targetUserId'] as const) {
    const id = filter[field];
    if (id !== null && id !== undefined && !isUuid(id)) throw new UserInputError(field, 'Not a user id');
  }
  return {
    type: filter.type ?? undefined,
    actorId: filter.actorId ?? undefined,
    targetUserId: filter.targetUserId ?? undefined,
    createdAfter: parseInstant(filter.after, 'after'),
    createdBefore: parseInstant(filter.before, 'before'),
  };
}

export function parseInstant(value: Date | null | undefined, field: string): Date | undefined {
  if (value === null || value === undefined) return undefined;
  const time = value.getTime();
  if (!(time >= INSTANT_MIN && time <= INSTANT_MAX)) throw new UserInputError(field, `${field} must be between the years 1 and 9999`);
  return value;
}

/** Optional free text for the audit log: trimmed, at most 500 characters, no control characters. */
export function parseReason(reason: string | null | undefined): string | null {
  const text = reason?.normalize('NFC').trim();
  if (!text) return null;
  if ([...text].length > REASON_MAX) throw new UserInputError('reason', `reason must be at most ${REASON_MAX} characters`);
  if (CONTROL.test(text)) throw new UserInputError('reason', 'reason must not contain control characters');
  return text;
}

/** Absent fields stay unchanged; null clears the display name and is refused for the others. */
export function parseAdminUserUpdate(input: AdminUserUpdateInput): AdminUserUpdate {
  if (input.email === null) throw new UserInputError('email', 'An account must keep an email address');
  if (input.emailVerified === null) throw new UserInputError('emailVerified', 'emailVerified must be true or false');
  return {
    ...('displayName' in input ? { displayName: parseDisplayName(input.displayName) } : {}),
    ...(input.email !== undefined ? { email: parseEmail(input.email) } : {}),
    ...(input.emailVerified !== undefined ? { emailVerified: input.emailVerified } : {}),
  };
}
