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
    createdAfter: filter.createdAfter ?? undefined,
    createdBefore: filter.createdBefore ?? undefined,
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
    createdAfter: filter.after ?? undefined,
    createdBefore: filter.before ?? undefined,
  };
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
