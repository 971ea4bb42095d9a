import { and, desc, eq, gte, inArray, lt, or, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { isUuid } from '../../db/errors.js';
import { auditEvents, type AuditEventRow } from '../../db/schema.js';

export interface AuditEventInput {
  type: string;
  actorId?: string | null;
  targetUserId?: string | null;
  ipAddress?: string | null;
  userAgent?: string | null;
  /** Never passwords or tokens. */
  metadata?: Record<string, unknown> | null;
  createdAt: Date;
}

export interface AuditEventQuery {
  type?: string;
  actorId?: string;
  targetUserId?: string;
  createdAfter?: Date;
  createdBefore?: Date;
  /** Keyset position: only events with a smaller id (newest first). */
  beforeId: number | null;
  limit: number;
}

export function createAuditRepository(db: Database) {
  return {
    async list(query: AuditEventQuery): Promise<AuditEventRow[]> {
      if ((query.actorId && !isUuid(query.actorId)) || (query.targetUserId && !isUuid(query.targetUserId))) return [];
      return db
        .select()
        .from(auditEvents)
        .where(
          and(
            query.type ? eq(auditEvents.type, query.type) : undefined,
            query.actorId ? eq(auditEvents.actorId, query.actorId) : undefined,
            query.targetUserId ? eq(auditEvents.targetUserId, query.targetUserId) : undefined,
            query.createdAfter ? gte(auditEvents.createdAt, query.createdAfter) : undefined,
            query.createdBefore ? lt(auditEvents.createdAt, query.createdBefore) : undefined,
            query.beforeId === null ? undefined : lt(auditEvents.id, query.beforeId),
          ),
        )
        .orderBy(desc(auditEvents.id))
        .limit(query.limit);
    },

    /** Deletes up to `limit` events older than `cutoff`; returns how many. */
    async deleteOlderThan(cutoff: Date, limit: number): Promise<number> {
      const batch = db.select({ id: auditEvents.id }).from(auditEvents).where(lt(auditEvents.createdAt, cutoff)).limit(limit);
      const deleted = await db
        .delete(auditEvents)
        .where(inArray(auditEvents.id, sql`(${batch})`))
        .returning({ id: auditEvents.id });
      return deleted.length;
    },

    async record(event: AuditEventInput): Promise<void> {
      await db.insert(auditEvents).values({
        type: event.type,
        actorId: event.actorId ?? null,
        targetUserId: event.targetUserId ?? null,
        ipAddress: event.ipAddress ?? null,
        userAgent: event.userAgent ?? null,
        metadata: event.metadata ?? null,
        createdAt: event.createdAt,
      });
    },

    /** Drops the IP addresses and user agents of a deleted user's records; their ids stay. */
    async anonymizeUser(userId: string): Promise<void> {
      await db
        .update(auditEvents)
        .set({ ipAddress: null, userAgent: null })
        .where(or(eq(auditEvents.targetUserId, userId), eq(auditEvents.actorId, userId)));
    },
  };
}

export type AuditRepository = ReturnType<typeof createAuditRepository>;
