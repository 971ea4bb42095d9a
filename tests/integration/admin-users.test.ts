import { randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepositories, type Repositories } from '../../src/db/repositories.js';
import type { SeedUserRow } from '../../src/modules/users/users.repository.js';
import { createAdmin } from '../helpers/admin-fixtures.js';
import { registerUser } from '../helpers/fixtures.js';
import type { GraphQLClient } from '../helpers/graphql-client.js';
import { createTestServer, type TestServer } from '../helpers/test-server.js';

let server: TestServer;
let admin: GraphQLClient;
let repos: Repositories;

beforeAll(async () => {
  server = await createTestServer({ REGISTER_MAX_PER_IP: '1000' });
  admin = (await createAdmin(server)).client;
  repos = createRepositories(server.app.database.db);
});
afterAll(async () => {
  await server?.close();
});

/** The statements one request sends, from authentication to the last resolver. */
async function countStatements(query: string, variables: Record<string, unknown> = {}) {
  const { result, statements } = await server.statementsDuring(() => admin.request(query, variables));
  expect(result.errors).toBeUndefined();
  return { count: statements.length, statements, data: result.data as any };
}

const USERS = `query($first: Int, $after: String, $filter: UserFilter, $orderBy: UserOrder) {
  users(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
    edges { cursor node { id email displayName role status emailVerified createdAt lastLoginAt } }
    pageInfo { hasNextPage endCursor }
  }
}`;

interface Listed { id: string; email: string; createdAt: string; lastLoginAt: string | null; [k: string]: unknown }

async function listAll(variables: Record<string, unknown>, first: number): Promise<Listed[]> {
  const seen: Listed[] = [];
  let after: string | null = null;
  for (let page = 0; page < 100; page += 1) {
    const { users }: any = await admin.data(USERS, { ...variables, first, after });
    seen.push(...users.edges.map((e: any) => e.node));
    expect(users.edges.length).toBeLessThanOrEqual(first);
    if (!users.pageInfo.hasNextPage) return seen;
    expect(users.pageInfo.endCursor).toBe(users.edges.at(-1).cursor);
    after = users.pageInfo.endCursor;
  }
  throw new Error('pagination did not end');
}

const BASE = Date.parse('2025-06-01T00:00:00.000Z');
const HOUR = 3_600_000;

/** 40 users in heavy ties: 4 distinct createdAt values, 3 lastLoginAt values plus never. */
function tiedRows(tag: string, count = 40): SeedUserRow[] {
  return Array.from({ length: count }, (_, i) => {
    const n = (i * 17) % count; // emails not in insertion order
    return {
      email: `${tag}${String(n).padStart(3, '0')}@example.com`,
      passwordHash: 'not-a-usable-hash',
      displayName: i % 5 === 0 ? null : `Member ${tag} ${i}`,
      emailVerified: i % 2 === 0,
      status: i % 7 === 0 ? ('SUSPENDED' as const) : ('ACTIVE' as const),
      createdAt: new Date(BASE + (i % 4) * HOUR),
      updatedAt: new Date(BASE),
      lastLoginAt: i % 4 === 3 ? null : new Date(BASE + 10 * HOUR + (i % 3) * HOUR),
    };
  });
}

function compareKeys(a: string | null, b: string | null): number {
  const ka = a === null ? -Infinity : Date.parse(a);
  const kb = b === null ? -Infinity : Date.parse(b);
  return ka === kb ? 0 : ka < kb ? -1 : 1;
}

function expectedOrder(rows: Listed[], key: 'createdAt' | 'lastLoginAt', direction: 'ASC' | 'DESC') {
  const sign = direction === 'ASC' ? 1 : -1;
  return [...rows].sort((a, b) => sign * (compareKeys(a[key], b[key]) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))).map((u) => u.id);
}

describe('users pagination', () => {
  const tag = `tie${randomBytes(3).toString('hex')}x`;
  beforeAll(async () => {
    await repos.users.insertMany(tiedRows(tag));
  });

  it.each([
    ['CREATED_AT', 'ASC', 'createdAt'],
    ['CREATED_AT', 'DESC', 'createdAt'],
    ['LAST_LOGIN_AT', 'ASC', 'lastLoginAt'],
    ['LAST_LOGIN_AT', 'DESC', 'lastLoginAt'],
  ] as const)('walks %s %s across pages with ties, no duplicate, no gap', async (field, direction, key) => {
    const all = await listAll({ filter: { search: tag }, orderBy: { field, direction } }, 100);
    expect(all).toHaveLength(40);
    expect(all.map((u) => u.id)).toEqual(expectedOrder(all, key, direction));
    for (const size of [1, 3, 7]) {
      const paged = await listAll({ filter: { search: tag }, orderBy: { field, direction } }, size);
      expect(paged.map((u) => u.id)).toEqual(all.map((u) => u.id));
    }
  });

  it.each(['ASC', 'DESC'] as const)('walks EMAIL %s in case-insensitive email order', async (direction) => {
    const all = await listAll({ filter: { search: tag }, orderBy: { field: 'EMAIL', direction } }, 6);
    const emails = all.map((u) => u.email);
    const sorted = [...emails].sort();
    expect(emails).toEqual(direction === 'ASC' ? sorted : sorted.reverse());
  });

  it('defaults to newest first', async () => {
    const all = await listAll({ filter: { search: tag } }, 100);
    expect(all.map((u) => u.id)).toEqual(expectedOrder(all, 'createdAt', 'DESC'));
  });

  it('keeps its place when users are inserted and deleted between pages', async () => {
    const tag2 = `ins${randomBytes(3).toString('hex')}x`;
    await repos.users.insertMany(tiedRows(tag2, 20));
    const orderBy = { field: 'CREATED_AT', direction: 'DESC' };
    const before = await listAll({ filter: { search: tag2 }, orderBy }, 100);
    const first = (await admin.data<any>(USERS, { first: 8, filter: { search: tag2 }, orderBy })).users;
    const late = tiedRows(`${tag2}late`, 4).map((row, i) => ({ ...row, createdAt: new Date(BASE + (i % 2 === 0 ? 100 : 1.5) * HOUR) }));
    await repos.users.insertMany(late);
    const seen = first.edges.map((e: any) => e.node.id);
    let after = first.pageInfo.endCursor;
    for (;;) {
      const { users }: any = await admin.data(USERS, { first: 5, after, filter: { search: tag2 }, orderBy });
      seen.push(...users.edges.map((e: any) => e.node.id));
      if (!users.pageInfo.hasNextPage) break;
      after = users.pageInfo.endCursor;
    }
    expect(new Set(seen).size).toBe(seen.length);
    const newer = await listAll({ filter: { search: `${tag2}late` } }, 100);
    const behindCursor = newer.filter((u) => Date.parse(u.createdAt) < BASE + 3 * HOUR).map((u) => u.id);
    // Every original user exactly once, plus the late ones sorting after the cursor; none before it.
    expect(seen.filter((id: string) => !behindCursor.includes(id))).toEqual(before.map((u) => u.id));
    expect(seen.filter((id: string) => behindCursor.includes(id)).sort()).toEqual([...behindCursor].sort());
  });
});

describe('users filters', () => {
  const tag = `flt${randomBytes(3).toString('hex')}x`;
  let rows: SeedUserRow[];
  beforeAll(async () => {
    rows = tiedRows(tag, 30);
    rows[0]!.displayName = `100%_Real ${tag}`;
    rows[1]!.displayName = `100 percent ${tag}`;
    rows[2]!.role = 'ADMIN';
    await repos.users.insertMany(rows);
  });

  /** Checks the count, and that walking the filtered list in pages of 4 gives the same users. */
  const expectCount = async (filter: Record<string, unknown>, expected: number) => {
    const variables = { filter: { search: tag, ...filter }, orderBy: { field: 'LAST_LOGIN_AT', direction: 'DESC' } };
    const all = await listAll(variables, 100);
    expect(all).toHaveLength(expected);
    expect((await listAll(variables, 4)).map((u) => u.id)).toEqual(all.map((u) => u.id));
    return all;
  };

  it('is backed by trigram indexes on both PGlite and PostgreSQL', async () => {
    // A catalog read, not data access: the migration must have found pg_trgm in both drivers.
    const result: any = await server.app.database.db.execute(sql`select indexname from pg_indexes where indexname like 'users_%_trgm_idx' order by 1`);
    expect((result.rows ?? result).map((row: any) => row.indexname)).toEqual(['users_display_name_trgm_idx', 'users_email_trgm_idx']);
  });

  it('matches email or display name case-insensitively, with LIKE wildcards taken literally', async () => {
    await expectCount({}, 30);
    const upper = await listAll({ filter: { search: tag.toUpperCase() } }, 100);
    expect(upper).toHaveLength(30);
    const literal = await listAll({ filter: { search: '100%_real' } }, 100);
    expect(literal.map((u) => u.displayName)).toEqual([`100%_Real ${tag}`]);
    expect(await listAll({ filter: { search: `${tag}005@EXAMPLE` } }, 100)).toHaveLength(1);
  });

  it('combines role, status, verification and creation-time filters', async () => {
    const expected = (predicate: (row: SeedUserRow) => boolean) => rows.filter(predicate).length;
    await expectCount({ role: 'ADMIN' }, 1);
    await expectCount({ status: 'SUSPENDED' }, expected((r) => r.status === 'SUSPENDED'));
    await expectCount({ emailVerified: true, status: 'ACTIVE' }, expected((r) => r.emailVerified === true && r.status === 'ACTIVE'));
    const after = new Date(BASE + HOUR).toISOString();
    const before = new Date(BASE + 3 * HOUR).toISOString();
    const window = (r: SeedUserRow) => r.createdAt!.getTime() >= BASE + HOUR && r.createdAt!.getTime() < BASE + 3 * HOUR;
    await expectCount({ createdAfter: after, createdBefore: before }, expected(window));
    await expectCount({ createdAfter: after, createdBefore: before, emailVerified: false }, expected((r) => window(r) && !r.emailVerified));
  });

  it('computes totalCount over all pages only when it is selected', async () => {
    const query = `query($f: UserFilter) { users(first: 2, filter: $f) { totalCount edges { node { id } } } }`;
    const withCount = await countStatements(query, { f: { search: tag, status: 'ACTIVE' } });
    expect(withCount.data.users.totalCount).toBe(rows.filter((r) => r.status === 'ACTIVE').length);
    const without = await countStatements(`query($f: UserFilter) { users(first: 2, filter: $f) { edges { node { id } } } }`, { f: { search: tag } });
    expect(without.count).toBe(withCount.count - 1);
    expect(withCount.statements.some((s) => /count\(\*\)/i.test(s))).toBe(true);
    expect(without.statements.some((s) => /count\(\*\)/i.test(s))).toBe(false);
  });

  it.each([
    [{ first: 0 }, 'first'],
    [{ first: 101 }, 'first'],
    [{ filter: { search: 'x'.repeat(101) } }, 'search'],
    [{ filter: { search: 'a\u0000b' } }, 'search'],
    [{ after: '' }, 'after'],
    // Year 0: the DateTime scalar accepts it, PostgreSQL does not (it was a masked INTERNAL_SERVER_ERROR).
    [{ filter: { createdBefore: '0000-12-31T23:59:59.999Z' } }, 'createdBefore'],
    [{ filter: { createdAfter: '0000-01-01T00:00:00Z' } }, 'createdAfter'],
  ])('rejects %j as BAD_USER_INPUT', async (variables, field) => {
    const result = await admin.request(USERS, variables);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });
});

describe('users cursors', () => {
  it('refuses a tampered, forged or foreign-order cursor', async () => {
    const orderBy = { field: 'EMAIL', direction: 'ASC' };
    const { users } = await admin.data<any>(USERS, { first: 1, orderBy });
    const cursor: string = users.pageInfo.endCursor;
    const [payload, tag] = cursor.split('.') as [string, string];
    const decoded = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    const forgedPayload = Buffer.from(JSON.stringify(['a', randomUUID()]), 'utf8').toString('base64url');
    const attempts = [
      `${payload.slice(0, -1)}${payload.endsWith('A') ? 'B' : 'A'}.${tag}`,
      `${Buffer.from(JSON.stringify(['', decoded[1]]), 'utf8').toString('base64url')}.${tag}`,
      `${forgedPayload}.${tag}`,
      'not-a-cursor',
      `${payload}.`,
    ];
    for (const after of attempts) {
      const result = await admin.request(USERS, { first: 1, after, orderBy });
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    }
    const foreign = await admin.request(USERS, { first: 1, after: cursor, orderBy: { field: 'EMAIL', direction: 'DESC' } });
    expect(foreign.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    expect((await admin.request(USERS, { first: 1, after: cursor, orderBy })).errors).toBeUndefined();
  });
});

describe('nested lists', () => {
  it('load sessions for a whole page in a constant number of statements, without OFFSET', async () => {
    const tag = `nst${randomBytes(3).toString('hex')}x`;
    for (let i = 0; i < 3; i += 1) await registerUser(server.client(), { email: `${tag}${i}@example.com` });
    await repos.users.insertMany(tiedRows(tag, 110));
    const query = `query($first: Int, $f: UserFilter) { users(first: $first, filter: $f) { edges { node { id sessions { id } } } } }`;
    const small = await countStatements(query, { first: 2, f: { search: tag } });
    const large = await countStatements(query, { first: 100, f: { search: tag } });
    expect(large.data.users.edges).toHaveLength(100);
    const withSessions = large.data.users.edges.filter((e: any) => e.node.sessions.length === 1);
    expect(withSessions).toHaveLength(3);
    // Authentication (session + user), the page, and one batched sessions query.
    expect(large.count).toBe(3);
    expect(small.count).toBe(large.count);
    expect(large.statements.some((s) => /\boffset\b/i.test(s))).toBe(false);
  });
});
