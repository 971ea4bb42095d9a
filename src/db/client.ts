/**
 * Opens the database named by config: PGlite on disk (default), PGlite in memory (`memory://`)
 * or a PostgreSQL server through postgres.js with a bounded pool and timeouts. Migrations from
 * `drizzle/` are applied before the handle is returned.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { Config } from '../config.js';
import * as schema from './schema.js';

export type Schema = typeof schema;
/** Both drivers' databases and their transactions satisfy this type. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;

export interface DatabaseHandle {
  db: Database;
  driver: 'pglite' | 'postgres';
  /** Resolves when a trivial query succeeds; rejects otherwise. */
  ping(): Promise<void>;
  /** Closes the client once; later calls get the same promise (PGlite throws on a second close). */
  close(): Promise<void>;
}

function closingOnce(close: () => Promise<void>): () => Promise<void> {
  let closed: Promise<void> | undefined;
  return () => (closed ??= close());
}

const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../drizzle', import.meta.url));
/** Arbitrary constant; serialises migrations across instances starting at once. */
const MIGRATION_LOCK_KEY = 7_264_531_908;

export interface DatabaseOptions {
  /** Called with the text of every SQL statement Drizzle sends (tests count statements with it). */
  onQuery?: (query: string) => void;
}

export async function openDatabase(config: Config['database'], dataDir: string, options: DatabaseOptions = {}): Promise<DatabaseHandle> {
  if (config.url?.startsWith('postgres')) return openPostgres(config.url, config, options);
  const location = config.url === 'memory://' ? undefined : path.resolve(dataDir, 'db');
  return openPglite(location, options);
}

function queryLogger(options: DatabaseOptions) {
  const { onQuery } = options;
  return onQuery ? { logQuery: (query: string) => onQuery(query) } : false;
}

async function openPglite(location: string | undefined, options: DatabaseOptions): Promise<DatabaseHandle> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  const { drizzle } = await import('drizzle-orm/pglite');
  const { migrate } = await import('drizzle-orm/pglite/migrator');
  if (location) mkdirSync(location, { recursive: true });
  // pg_trgm backs the trigram indexes of the user search (drizzle/0002_admin_search_trgm.sql).
  const pgliteOptions = { extensions: { pg_trgm } };
  const client = location ? new PGlite(location, pgliteOptions) : new PGlite(pgliteOptions);
  const db = drizzle({ client, schema, logger: queryLogger(options) });
  await migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
  return {
    db: db as unknown as Database,
    driver: 'pglite',
    ping: async () => {
      await client.query('select 1');
    },
    close: closingOnce(() => client.close()),
  };
}

async function openPostgres(url: string, config: Config['database'], options: DatabaseOptions): Promise<DatabaseHandle> {
  const { default: postgres } = await import('postgres');
  const { drizzle } = await import('drizzle-orm/postgres-js');
  const { migrate } = await import('drizzle-orm/postgres-js/migrator');
  const client = postgres(url, {
    max: config.poolMax,
    connect_timeout: config.connectTimeoutSeconds,
    idle_timeout: 60,
    max_lifetime: 60 * 30,
    onnotice: () => {},
    connection: { statement_timeout: config.statementTimeoutMs, application_name: 'latchkey' },
  });
  const db = drizzle({ client, schema, logger: queryLogger(options) });
  // The lock is held on a connection of its own, outside the pool: taken from the pool, it left a
  // pool of one (DATABASE_POOL_MAX=1) nothing to migrate with, and start-up waited forever.
  const lock = postgres(url, { max: 1, connect_timeout: config.connectTimeoutSeconds, onnotice: () => {} });
  try {
    await lock`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
    await migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
  } catch (error) {
    await client.end({ timeout: 1 });
    throw error;
  } finally {
    await lock`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`.catch(() => {});
    await lock.end({ timeout: 1 });
  }
  return {
    db: db as unknown as Database,
    driver: 'postgres',
    ping: async () => {
      await db.execute(sql`select 1`);
    },
    close: closingOnce(() => client.end({ timeout: 5 })),
  };
}
