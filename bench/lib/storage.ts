/**
 * Where a bench run keeps its data and how it seeds it. Embedded: a PGlite directory under a
 * fresh temp dir (never the user's .data). PostgreSQL: a fresh database created next to the one
 * DATABASE_URL names and dropped afterwards. Seeding is plain batched SQL with one precomputed
 * argon2 hash, so 100k users take seconds, not hours of hashing.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { openDatabase, type DatabaseHandle } from '../../src/db/client.js';

export interface BenchStorage {
  kind: 'pglite' | 'postgres';
  dataDir: string;
  /** DATABASE_URL for the server; undefined means embedded PGlite under dataDir. */
  databaseUrl: string | undefined;
  /** Opens the database in this process (PGlite: only while the server is stopped). */
  open(): Promise<DatabaseHandle>;
  dispose(): Promise<void>;
}

const DB_CONFIG = { poolMax: 4, connectTimeoutSeconds: 10, statementTimeoutMs: 600_000 };

export async function createStorage(adminUrl: string | undefined): Promise<BenchStorage> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'latchkey-bench-'));
  const removeDir = () => rmSync(dataDir, { recursive: true, force: true });
  if (!adminUrl) {
    return {
      kind: 'pglite',
      dataDir,
      databaseUrl: undefined,
      open: () => openDatabase({ url: undefined, ...DB_CONFIG }, dataDir),
      dispose: async () => removeDir(),
    };
  }
  const name = `latchkey_bench_${randomBytes(5).toString('hex')}`;
  await adminQuery(adminUrl, `create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    kind: 'postgres',
    dataDir,
    databaseUrl: url.toString(),
    open: () => openDatabase({ url: url.toString(), ...DB_CONFIG }, dataDir),
    async dispose() {
      removeDir();
      await adminQuery(adminUrl, `drop database if exists ${name} with (force)`);
    },
  };
}

async function adminQuery(adminUrl: string, statement: string): Promise<void> {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(statement);
  } finally {
    await admin.end();
  }
}

export const benchEmail = (i: number) => `bench-${i}@bench.test`;
/** The seeded accounts' password. */
export const BENCH_PASSWORD = 'bench-password-correct-horse';
export const ADMIN_EMAIL = 'bench-admin@bench.test';

/**
 * The accounts the load logs in with, one admin, and `fillers` more users for the users page,
 * then vacuumed and analysed (seedSessions says why).
 */
export async function seedUsers(handle: DatabaseHandle, passwordHash: string, accounts: number, fillers: number): Promise<void> {
  const db = handle.db;
  await db.execute(sql`
    insert into users (email, password_hash, email_verified, role, created_at, updated_at)
    select 'bench-' || i || '@bench.test', ${passwordHash}, true, 'USER', now() - interval '1 year', now()
    from generate_series(1, ${accounts}) as i`);
  await db.execute(sql`
    insert into users (email, password_hash, email_verified, role, created_at, updated_at)
    values (${ADMIN_EMAIL}, ${passwordHash}, true, 'ADMIN', now() - interval '2 years', now())`);
  const batch = 50_000;
  for (let start = 1; start <= fillers; start += batch) {
    const end = Math.min(fillers, start + batch - 1);
    await db.execute(sql`
      insert into users (email, password_hash, display_name, created_at, updated_at)
      select 'filler-' || i || '@bench.test', ${passwordHash}, 'Filler ' || i,
             now() - (i * interval '1 second'), now()
      from generate_series(${start}::int, ${end}::int) as i`);
  }
  await db.execute(sql`vacuum (analyze) users`);
}

/**
 * `count` live sessions (each with a refresh token) spread over the filler users, then vacuumed
 * and analysed. Analysed: a prepared statement planned while a table looked empty (a sequential
 * scan of refresh_tokens) keeps that plan until the table's first analyze, which autovacuum runs
 * only after a minute or more. Vacuumed: otherwise autovacuum's first pass over the freshly
 * inserted rows (and the first reads' hint-bit writes) land in whichever figure runs next.
 */
export async function seedSessions(handle: DatabaseHandle, count: number): Promise<void> {
  const db = handle.db;
  await db.execute(sql`
    with fillers as (
      select id, row_number() over (order by id) as n from users where email like 'filler-%'
    ), made as (
      insert into sessions (user_id, user_agent, ip_address, created_at, last_used_at, expires_at, absolute_expires_at)
      select f.id, 'bench', '127.0.0.1', now(), now(), now() + interval '7 days', now() + interval '30 days'
      from generate_series(1, ${count}::int) as g
      join fillers f on f.n = 1 + (g % (select count(*) from fillers))
      returning id
    )
    insert into refresh_tokens (token_hash, session_id, created_at)
    select md5(id::text || random()::text), id, now() from made`);
  await db.execute(sql`vacuum (analyze) sessions, refresh_tokens`);
}
