import { and, asc, eq, isNull, lt, or } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { isUuid } from '../../db/errors.js';
import { serviceAccounts, type ServiceAccountRow } from '../../db/schema.js';

export interface NewServiceAccount {
  name: string;
  clientId: string;
  secretHash: string;
  scopes: string[];
  createdBy: string;
  now: Date;
}

/** last_used_at is written at most once a minute per account, not on every request. */
const LAST_USED_RESOLUTION_MS = 60_000;

export function createServiceAccountsRepository(db: Database) {
  return {
    async insert(account: NewServiceAccount): Promise<ServiceAccountRow> {
      const { now, ...values } = account;
      const [row] = await db.insert(serviceAccounts).values({ ...values, createdAt: now }).returning();
      return row!;
    },

    list(): Promise<ServiceAccountRow[]> {
      return db.select().from(serviceAccounts).orderBy(asc(serviceAccounts.createdAt), asc(serviceAccounts.id));
    },

    async findById(id: string): Promise<ServiceAccountRow | null> {
      if (!isUuid(id)) return null;
      const [row] = await db.select().from(serviceAccounts).where(eq(serviceAccounts.id, id));
      return row ?? null;
    },

    async findByClientId(clientId: string): Promise<ServiceAccountRow | null> {
      const [row] = await db.select().from(serviceAccounts).where(eq(serviceAccounts.clientId, clientId));
      return row ?? null;
    },

    async findBySecretHash(secretHash: string): Promise<ServiceAccountRow | null> {
      const [row] = await db.select().from(serviceAccounts).where(eq(serviceAccounts.secretHash, secretHash));
      return row ?? null;
    },

    /** The revoked row, or null when it was unknown or already revoked. */
    async revoke(id: string, now: Date): Promise<ServiceAccountRow | null> {
      if (!isUuid(id)) return null;
      const [row] = await db
        .update(serviceAccounts)
        .set({ revokedAt: now })
        .where(and(eq(serviceAccounts.id, id), isNull(serviceAccounts.revokedAt)))
        .returning();
      return row ?? null;
    },

    async touch(id: string, now: Date): Promise<void> {
      const stale = new Date(now.getTime() - LAST_USED_RESOLUTION_MS);
      await db
        .update(serviceAccounts)
        .set({ lastUsedAt: now })
        .where(and(eq(serviceAccounts.id, id), or(isNull(serviceAccounts.lastUsedAt), lt(serviceAccounts.lastUsedAt, stale))));
    },
  };
}

export type ServiceAccountsRepository = ReturnType<typeof createServiceAccountsRepository>;
