/**
 * The rotation statement (sessions.statements.ts) finds the presented refresh token by its primary
 * key, so a refresh costs the same on the thousandth rotation of a session as on the first. Every
 * rotated token stays in the table (a replay must be recognised), so a lookup that went through
 * the session's tokens would read its whole chain. Checked on the plan PostgreSQL settles on for
 * a prepared statement (the generic one), after the tables were analysed, on PGlite or on the
 * server of TEST_DATABASE_URL.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql, type Placeholder, type SQL } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database, type DatabaseHandle } from '../../../src/db/client.js';
import { users } from '../../../src/db/schema.js';
import { createSessionsRepository } from '../../../src/modules/sessions/sessions.repository.js';
import { prepareStatements } from '../../../src/modules/sessions/sessions.statements.js';
import { createTestDatabase, type TestDatabase } from '../../helpers/test-database.js';

/** The chain: chain-0 … chain-400, all rotated but the last, which the test presents. */
const CHAIN = 400;
const OTHER_SESSIONS = 20_000;

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Actual Rows'?: number;
  'Actual Loops'?: number;
  'Rows Removed by Filter'?: number;
  Plans?: PlanNode[];
}

/** Rows the scans of `relation` produced or filtered away, over all their loops. */
function rowsRead(node: PlanNode, relation: string): number {
  const own = node['Relation Name'] === relation && node['Node Type'].includes('Scan')
    ? ((node['Actual Rows'] ?? 0) + (node['Rows Removed by Filter'] ?? 0)) * (node['Actual Loops'] ?? 1)
    : 0;
  return own + (node.Plans ?? []).reduce((sum, child) => sum + rowsRead(child, relation), 0);
}

/** Result rows from either driver (postgres.js returns an array, PGlite an object with `rows`). */
async function rowsOf(db: Database, query: SQL): Promise<Array<Record<string, unknown>>> {
  const result = await db.execute(query);
  return (Array.isArray(result) ? result : (result as unknown as { rows: unknown[] }).rows) as Array<Record<string, unknown>>;
}

const arrayLiteral = (values: string[]) => `'{${values.map((v) => `"${v}"`).join(',')}}'`;

describe('the rotation statement', () => {
  let testDb: TestDatabase;
  let handle: DatabaseHandle;
  let dataDir: string;
  beforeAll(async () => {
    testDb = await createTestDatabase();
    dataDir = mkdtempSync(path.join(tmpdir(), 'latchkey-rotation-'));
    handle = await openDatabase({ url: testDb.url, poolMax: 2, connectTimeoutSeconds: 10, statementTimeoutMs: 60_000 }, dataDir);
    const now = new Date();
    const later = new Date(now.getTime() + 86_400_000);
    const [user] = await handle.db.insert(users).values({ email: 'chain@example.test', passwordHash: 'x' }).returning();
    const userId = user!.id;
    const session = await createSessionsRepository(handle.db).insert(
      { userId, userAgent: null, ipAddress: null, createdAt: now, lastUsedAt: now, expiresAt: later, absoluteExpiresAt: later },
      'chain-0',
    );
    const sessionId = session.id;
    await handle.db.execute(sql`update refresh_tokens set rotated_at = now() where token_hash = 'chain-0'`);
    await handle.db.execute(sql`insert into refresh_tokens (token_hash, session_id, created_at, rotated_at)
      select 'chain-' || i, ${sessionId}, now(), case when i < ${CHAIN} then now() end from generate_series(1, ${CHAIN}::int) i`);
    await handle.db.execute(sql`with s as (insert into sessions (user_id, created_at, last_used_at, expires_at, absolute_expires_at)
        select ${userId}, now(), now(), ${later.toISOString()}::timestamptz, ${later.toISOString()}::timestamptz from generate_series(1, ${OTHER_SESSIONS}::int) returning id)
      insert into refresh_tokens (token_hash, session_id, created_at) select 'other-' || id, id, now() from s`);
    await handle.db.execute(sql`analyze users, sessions, refresh_tokens`);
  }, 120_000);
  afterAll(async () => {
    await handle?.close();
    await testDb?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("reads one refresh token to claim the last of a long chain, not the session's whole chain", async () => {
    const query = prepareStatements(handle.db).rotation.getQuery();
    const now = new Date().toISOString();
    const values: Record<string, string[]> = {
      tokenHashes: [`chain-${CHAIN}`],
      successorSealeds: ['sealed'],
      successorHashes: ['chain-next'],
      expiresAts: [new Date(Date.now() + 3_600_000).toISOString()],
      renews: ['true'],
      nows: [now],
    };
    const args = query.params.map((param) => arrayLiteral(values[(param as Placeholder).name]!));
    // In a transaction, so that PREPARE and EXECUTE meet on one connection of the pool.
    const [explain] = await handle.db.transaction(async (tx) => {
      await tx.execute(sql.raw('set local plan_cache_mode = force_generic_plan'));
      await tx.execute(sql.raw(`prepare rotation_under_test as ${query.sql}`));
      return rowsOf(tx, sql.raw(`explain (analyze, format json) execute rotation_under_test(${args.join(', ')})`));
    });
    const explained = explain!['QUERY PLAN'];
    const plan = (typeof explained === 'string' ? JSON.parse(explained) : explained) as Array<{ Plan: PlanNode }>;
    expect(rowsRead(plan[0]!.Plan, 'refresh_tokens')).toBe(1);
    // And the statement did claim it: the successor exists and the chain's last token is rotated.
    const [claimed] = await rowsOf(handle.db, sql`select count(*)::int as n from refresh_tokens
      where token_hash = 'chain-next' or (token_hash = ${`chain-${CHAIN}`} and rotated_at is not null)`);
    expect(claimed!.n).toBe(2);
  });
});
