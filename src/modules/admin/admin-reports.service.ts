/**
 * Read-only views for administrators: the user directory, the audit log and system figures, plus
 * the audit retention job. Both lists use keyset pagination with signed cursors (src/lib/cursor.ts)
 * bound to the list and sort order they came from; a forged or foreign cursor is BAD_USER_INPUT.
 */
import type { Repositories } from '../../db/repositories.js';
import type { AuditEventRow, UserRow } from '../../db/schema.js';
import { UserInputError } from '../../graphql/errors.js';
import type { CursorCodec } from '../../lib/cursor.js';
import { AUDIT_EVENTS } from '../audit/audit-events.js';
import type { AuditEventQuery } from '../audit/audit.repository.js';
import type { SortDirection, UserListFilter, UserPosition, UserSortField } from './admin.repository.js';

export interface Page<T> {
  edges: Array<{ cursor: string; node: T }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/** A page of users; `countTotal` runs only if the client selected `totalCount`. */
export type UserPage = Page<UserRow> & { countTotal: () => Promise<number> };

export interface UserListRequest {
  first: number;
  after: string | null;
  filter: UserListFilter;
  field: UserSortField;
  direction: SortDirection;
}

export type AuditListRequest = Omit<AuditEventQuery, 'beforeId' | 'limit'> & { first: number; after: string | null };

const DAY_MS = 86_400_000;

export function pageOf<R, T>(rows: R[], first: number, node: (row: R) => T, cursor: (row: R) => string): Page<T> {
  const edges = rows.slice(0, first).map((row) => ({ cursor: cursor(row), node: node(row) }));
  return { edges, pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null } };
}

export function createAdminReportsService(deps: { repos: Repositories; cursors: CursorCodec; auditBatchSize: number }) {
  const { repos, cursors } = deps;

  function decodeUserCursor(scope: string, after: string | null): UserPosition | null {
    if (after === null) return null;
    const values = cursors.decode(scope, after);
    if (!values || values.length !== 2 || typeof values[0] !== 'string' || typeof values[1] !== 'string') {
      throw new UserInputError('after', 'Not a cursor of this list and order');
    }
    return { key: values[0], id: values[1] };
  }

  async function listUsers(request: UserListRequest): Promise<UserPage> {
    const scope = `users:${request.field}:${request.direction}`;
    const after = decodeUserCursor(scope, request.after);
    const rows = await repos.admin.listUsers({ ...request, after, limit: request.first + 1 });
    const page = pageOf(rows, request.first, (row) => row.user, (row) => cursors.encode(scope, [row.key, row.user.id]));
    return { ...page, countTotal: () => repos.admin.countUsers(request.filter) };
  }

  async function listAuditEvents(request: AuditListRequest): Promise<Page<AuditEventRow>> {
    const scope = 'audit_events:ID:DESC';
    let beforeId: number | null = null;
    if (request.after !== null) {
      const values = cursors.decode(scope, request.after);
      if (!values || values.length !== 1 || !Number.isSafeInteger(values[0])) throw new UserInputError('after', 'Not a cursor of this list');
      beforeId = values[0] as number;
    }
    const rows = await repos.audit.list({ ...request, beforeId, limit: request.first + 1 });
    return pageOf(rows, request.first, (row) => row, (row) => cursors.encode(scope, [row.id]));
  }

  function stats(now: Date) {
    return repos.admin.stats({
      now,
      dayAgo: new Date(now.getTime() - DAY_MS),
      weekAgo: new Date(now.getTime() - 7 * DAY_MS),
      loginType: AUDIT_EVENTS.LOGIN_SUCCEEDED,
      failedLoginType: AUDIT_EVENTS.LOGIN_FAILED,
    });
  }

  /** Deletes audit events older than the retention period, batch by batch; 0 days keeps all. */
  async function deleteExpiredAuditEvents(now: Date, retentionDays: number): Promise<number> {
    if (retentionDays <= 0) return 0;
    const cutoff = new Date(now.getTime() - retentionDays * DAY_MS);
    let total = 0;
    for (;;) {
      const deleted = await repos.audit.deleteOlderThan(cutoff, deps.auditBatchSize);
      total += deleted;
      if (deleted < deps.auditBatchSize) return total;
    }
  }

  return { listUsers, listAuditEvents, stats, deleteExpiredAuditEvents };
}

export type AdminReportsService = ReturnType<typeof createAdminReportsService>;
