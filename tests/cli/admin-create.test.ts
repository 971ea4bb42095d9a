/**
 * The operator commands, run in-process against a real database: a PGlite data directory, or a
 * fresh PostgreSQL database when TEST_DATABASE_URL is set.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminCreate } from '../../src/cli/admin-create.js';
import { UsageError, withRepositories } from '../../src/cli/cli-support.js';
import { seed } from '../../src/cli/seed.js';
import { ConfigError, loadConfig, type Config } from '../../src/config.js';
import { bootstrapAdminFromConfig } from '../../src/modules/admin/admin-bootstrap.js';
import type { Services } from '../../src/services.js';
import { STRONG_PASSWORD } from '../helpers/fixtures.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.js';

let dataDir: string;
let database: TestDatabase;
let config: Config;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'latchkey-cli-'));
  database = await createTestDatabase();
  const url = database.url === 'memory://' ? undefined : database.url;
  config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: dataDir, ...(url ? { DATABASE_URL: url } : {}) });
});
afterAll(async () => {
  await database?.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function run(command: typeof adminCreate, argv: string[]): Promise<string[]> {
  const lines: string[] = [];
  await command(argv, () => config, (line) => lines.push(line));
  return lines;
}

describe('npm run admin:create', () => {
  it('creates an admin, is idempotent, and promotes an existing (seeded) user', async () => {
    const [created] = await run(adminCreate, ['--email', ' Chief@Example.com ', '--password', STRONG_PASSWORD]);
    expect(created).toMatch(/^Created administrator Chief@Example\.com \(id [0-9a-f-]{36}\)\.$/);
    const [again] = await run(adminCreate, ['--email', 'chief@example.com', '--password', STRONG_PASSWORD]);
    expect(again).toMatch(/is already an active administrator; nothing changed\.$/);

    const [seeded] = await run(seed, ['--users', '25', '--batch', '10', '--seed', '7']);
    const runTag = /\*\.([0-9a-f]{6})<n>@/.exec(seeded!)![1]!;
    const users = await withRepositories(config, (repos) =>
      repos.admin.listUsers({ filter: { search: `.${runTag}` }, field: 'EMAIL', direction: 'ASC', after: null, limit: 100 }),
    );
    expect(users).toHaveLength(25);
    const target = users[0]!.user;
    const [promoted] = await run(adminCreate, ['--email', target.email.toUpperCase()]);
    expect(promoted).toContain('Promoted existing user');

    const state = await withRepositories(config, async (repos) => ({
      user: await repos.users.findById(target.id),
      events: await repos.audit.list({ targetUserId: target.id, beforeId: null, limit: 10 }),
      admins: await repos.users.countAdmins(),
    }));
    expect(state.user).toMatchObject({ role: 'ADMIN', status: 'ACTIVE' });
    expect(state.admins).toBe(2);
    expect(state.events.map((e) => [e.type, e.metadata])).toEqual([
      ['user.role_changed', { from: 'USER', to: 'ADMIN', previousStatus: target.status, via: 'cli' }],
    ]);
  });

  it.each([
    [[], /--email is required/],
    [['--email', 'not-an-email', '--password', STRONG_PASSWORD], /--email: Enter a valid email/],
    [['--email', 'weak@example.com', '--password', 'short'], /--password: Password must be at least 12/],
    [['--email', 'ghost@example.com'], /no account ghost@example\.com exists; pass --password/],
    [['--email', 'x@example.com', '--bogus'], /Unknown option '--bogus'/],
  ])('fails with a clear usage error for %j', async (argv, message) => {
    await expect(run(adminCreate, argv)).rejects.toThrow(UsageError);
    await expect(run(adminCreate, argv)).rejects.toThrow(message);
  });
});

describe('npm run seed', () => {
  it.each([[['--users', '0']], [['--users', 'many']], [['--batch', '6000']]])('rejects %j', async (argv) => {
    await expect(run(seed, argv)).rejects.toThrow(UsageError);
  });
});

describe('BOOTSTRAP_ADMIN_* configuration', () => {
  it('needs both variables', () => {
    expect(() => loadConfig({ BOOTSTRAP_ADMIN_EMAIL: 'a@example.com' })).toThrow(ConfigError);
    expect(() => loadConfig({ BOOTSTRAP_ADMIN_PASSWORD: STRONG_PASSWORD })).toThrow(/must be set together/);
  });

  it('stops start-up on a weak password or a bad address, before touching the database', async () => {
    const noServices = {} as Services;
    const weak = loadConfig({ BOOTSTRAP_ADMIN_EMAIL: 'a@example.com', BOOTSTRAP_ADMIN_PASSWORD: 'password1234' });
    await expect(bootstrapAdminFromConfig(weak, noServices, new Date(), console as never)).rejects.toThrow(/BOOTSTRAP_ADMIN_PASSWORD/);
    const bad = loadConfig({ BOOTSTRAP_ADMIN_EMAIL: 'nope', BOOTSTRAP_ADMIN_PASSWORD: STRONG_PASSWORD });
    await expect(bootstrapAdminFromConfig(bad, noServices, new Date(), console as never)).rejects.toThrow(ConfigError);
  });
});
