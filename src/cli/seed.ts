/**
 * `npm run seed -- --users 1000000 [--batch 1000] [--seed 42]`: bulk-loads fake users into the
 * configured database (PGlite under DATA_DIR, or DATABASE_URL) with multi-row inserts and ONE
 * precomputed argon2 hash, showing a progress bar. Every seeded user's password is printed once.
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { Presets, SingleBar } from 'cli-progress';
import { createPasswordHasher } from '../modules/auth/password-hasher.js';
import { runIfMain, UsageError, withRepositories, type CommandMain } from './cli-support.js';
import { seededRandom, seedUserRows } from './seed-data.js';

const USAGE = 'usage: npm run seed -- --users <count> [--batch <rows per insert, 1-5000>] [--seed <number>]';
export const SEED_PASSWORD = 'seeded-user-password-2026';

function positiveInt(value: string | undefined, name: string, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new UsageError(`--${name} must be an integer from 1 to ${max}\n${USAGE}`);
  return n;
}

function parseCommandLine(argv: string[]) {
  try {
    const { values } = parseArgs({ args: argv, options: { users: { type: 'string' }, batch: { type: 'string' }, seed: { type: 'string' } } });
    return {
      users: positiveInt(values.users, 'users', 1000, 100_000_000),
      // PostgreSQL allows 65,535 parameters per statement; 9 columns x 5,000 rows stays below.
      batch: positiveInt(values.batch, 'batch', 1000, 5000),
      seed: positiveInt(values.seed, 'seed', Date.now() % 1_000_000_000, Number.MAX_SAFE_INTEGER),
    };
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`${(error as Error).message}\n${USAGE}`);
  }
}

export const seed: CommandMain = async (argv, loadConfig, print) => {
  const args = parseCommandLine(argv);
  const config = loadConfig();
  const passwordHash = await (await createPasswordHasher(config.passwords.hashing)).hash(SEED_PASSWORD);
  const random = seededRandom(args.seed);
  const runTag = randomBytes(3).toString('hex');
  const now = new Date();
  const bar = new SingleBar({ format: 'seeding [{bar}] {percentage}% | {value}/{total} users | ETA {eta_formatted}' }, Presets.shades_classic);
  await withRepositories(config, async (repos) => {
    bar.start(args.users, 0);
    for (let start = 0; start < args.users; start += args.batch) {
      const count = Math.min(args.batch, args.users - start);
      await repos.users.insertMany(seedUserRows({ start, count, runTag, passwordHash, now, random }));
      bar.increment(count);
    }
    bar.stop();
  });
  print(`Seeded ${args.users} users (emails *.${runTag}<n>@seed.example.com); their password is ${SEED_PASSWORD}`);
};

runIfMain(import.meta.url, seed);
