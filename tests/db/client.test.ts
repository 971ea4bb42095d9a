import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../src/db/client.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.js';

/** PGlite in memory, or with TEST_DATABASE_URL a fresh PostgreSQL database of this file's own. */
describe('opening the database', () => {
  let testDb: TestDatabase;
  let dataDir: string;
  const handles: DatabaseHandle[] = [];
  const open = async (poolMax: number) => {
    const handle = await openDatabase({ url: testDb.url, poolMax, connectTimeoutSeconds: 10, statementTimeoutMs: 10_000 }, dataDir);
    handles.push(handle);
    return handle;
  };
  beforeAll(async () => {
    testDb = await createTestDatabase();
    dataDir = mkdtempSync(path.join(tmpdir(), 'latchkey-client-'));
  });
  afterAll(async () => {
    for (const handle of handles) await handle.close();
    await testDb?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  // Two instances starting at once against a fresh database, each with a pool of one connection
  // (DATABASE_POOL_MAX=1): the migration lock must not take the pool's only connection, and the
  // second instance must wait for the first one's migrations rather than run them again. PGlite
  // has neither a pool nor other instances sharing its database.
  it.skipIf(!process.env.TEST_DATABASE_URL)('migrates once under its lock, even with pools of one connection', { timeout: 30_000 }, async () => {
    const [first, second] = await Promise.all([open(1), open(1)]);
    for (const handle of [first!, second!]) {
      const rows = await handle.db.execute(sql`select count(*)::int as n from users`);
      expect([...(rows as unknown as Iterable<unknown>)]).toEqual([{ n: 0 }]);
      await handle.ping();
    }
  });

  it('closes once: a second close (a teardown after a failure already closed it) resolves too', async () => {
    const handle = await open(2);
    await handle.ping();
    const first = handle.close();
    const second = handle.close();
    expect(second).toBe(first);
    await expect(first).resolves.toBeUndefined();
    await expect(handle.close()).resolves.toBeUndefined();
    await expect(handle.ping()).rejects.toThrow();
  });
});
