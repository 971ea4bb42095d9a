import { eq, or } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { auditEvents } from '../../db/schema.js';

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

export function createAuditRepository(db: Database) {
  return {
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
