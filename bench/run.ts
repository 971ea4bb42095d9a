/**
 * `npm run bench`: measures Latchkey against the limits of its own building blocks, on embedded
 * PGlite and (with DATABASE_URL) on PostgreSQL. See bench/README.md for flags and figures.
 */
import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { hash } from '@node-rs/argon2';
import { DEFAULT_PASSWORD_HASHING, defaultHashConcurrency } from '../src/config.js';
import { isolateRun, planIsolation } from './lib/isolation.js';
import { load, login, mapLimit, type Tokens } from './lib/load.js';
import { buildBaseline, npmStartCommand, ROOT, runChildrenOn, runProbe, startServer } from './lib/process.js';
import { openRawRefresh, type RawRefresh } from './lib/raw-refresh.js';
import { measureRounds, type RoundRates } from './lib/rounds.js';
import { monotonicMicros, printProfiles, writeFigureProfiles, type ProfiledFigure } from './lib/profile-report.js';
import { machineInfo, printTable, writeResults } from './lib/report.js';
import { buildRows } from './lib/rows.js';
import { serverEnv } from './lib/server-env.js';
import { assertMeWorks, measureLogin, measureMe, measureRefresh, type ProfileMarks, type Settings } from './lib/scenarios.js';
import { ADMIN_EMAIL, BENCH_PASSWORD, benchEmail, createStorage, seedSessions, seedUsers, type BenchStorage } from './lib/storage.js';
import { measureUsersPage } from './lib/users-page.js';

const LIBUV_DEFAULT_POOL_SIZE = 4;

const HELP = `Usage: npm run bench -- [options]
  --quick            short run: 3 s per figure, 1 s warm-up, 20k users and sessions
  --scale            1,000,000 users instead of 100,000 for the users page
  --duration <s>     seconds per measured figure (default 10)
  --warmup <s>       warm-up seconds before each figure (default 3)
  --users <n>        seeded users for the users page (default 100000)
  --sessions <n>     sessions seeded before the figures (default 100000; 20000 with --quick)
  --backend <b>      pglite, postgres or both (default: pglite, plus postgres when DATABASE_URL is set)
  --log-level <l>    the server's LOG_LEVEL (default info, as in production)
  --only <list>      comma-separated subset of: me, login, refresh, users, memory (default: all)
  --rounds <n>       measure me, login and refresh n times each, with their limits, and report the
                     round with the median ratio and the spread (default 1)
  --isolate          servers and their limits on CPUs of their own, PostgreSQL and the load generator on
                     the others (taskset; as if those ran on other machines)
  --profile          CPU-profile every server; per figure, a flame graph (.html) and the top functions (.txt)
                     in bench/results/profiles/<backend>/
Environment: DATABASE_URL (an admin URL; a temporary database is created next to it and dropped),
UV_THREADPOOL_SIZE (passed to the server and the hash probe), THREAD_POOL_NICE (passed to the server).`;

function parseSettings() {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      scale: { type: 'boolean', default: false },
      duration: { type: 'string' },
      warmup: { type: 'string' },
      users: { type: 'string' },
      sessions: { type: 'string' },
      backend: { type: 'string' },
      'log-level': { type: 'string', default: 'info' },
      profile: { type: 'boolean', default: false },
      isolate: { type: 'boolean', default: false },
      only: { type: 'string' },
      rounds: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(HELP);
    process.exit(0);
  }
  const quick = values.quick;
  const defaultUsers = values.scale ? 1_000_000 : quick ? 20_000 : 100_000;
  const isolation = values.isolate ? planIsolation(availableParallelism()) : null;
  if (values.isolate && !isolation) throw new Error('--isolate needs at least two CPUs');
  const settings: Settings = {
    durationSeconds: Number(values.duration ?? (quick ? 3 : 10)),
    warmupSeconds: Number(values.warmup ?? (quick ? 1 : 3)),
    meConnections: 32,
    loginConnections: 16,
    refreshConnections: 16,
    accounts: 64,
    password: BENCH_PASSWORD,
    threadpoolSize: process.env.UV_THREADPOOL_SIZE ?? '',
    // What the server's config derives: it hashes on at most this many pool threads at once.
    // A server pinned by --isolate counts only its own CPUs (availableParallelism follows affinity).
    hashThreads: defaultHashConcurrency(Number(process.env.UV_THREADPOOL_SIZE || LIBUV_DEFAULT_POOL_SIZE), isolation?.serverCpuCount),
  };
  const users = Number(values.users ?? defaultUsers);
  const sessions = Number(values.sessions ?? (quick ? 20_000 : 100_000));
  const backend = values.backend ?? (process.env.DATABASE_URL ? 'both' : 'pglite');
  if (!['pglite', 'postgres', 'both'].includes(backend)) throw new Error(`--backend: unknown ${backend}`);
  if (backend !== 'pglite' && !process.env.DATABASE_URL) throw new Error('--backend postgres needs DATABASE_URL');
  const only = new Set((values.only ?? FIGURES.join(',')).split(',').map((f) => f.trim()));
  for (const figure of only) if (!FIGURES.includes(figure as Figure)) throw new Error(`--only: unknown figure ${figure}`);
  const rounds = Number(values.rounds ?? 1);
  if (!Number.isInteger(rounds) || rounds < 1 || rounds > 20) throw new Error(`--rounds: a whole number from 1 to 20, not ${values.rounds}`);
  return { settings, users, sessions, backend, logLevel: values['log-level'], profile: values.profile, only, rounds, isolation };
}

type Options = ReturnType<typeof parseSettings>;

/** What `npm start` runs: the compiled server (built by `npm run build` when the bench starts), with its Node flags. */
const SERVER = npmStartCommand();
/** The server's DATABASE_POOL_MAX default; the raw refresh loop gets as many connections. */
const POOL_MAX = 10;
const FIGURES = ['me', 'login', 'refresh', 'users', 'memory'] as const;
type Figure = (typeof FIGURES)[number];

/** Seeds the accounts and other users' sessions, starts the server and signs in the sessions the load will use. */
async function prepareBackend(storage: BenchStorage, options: Options, phc: string, env: Record<string, string>, profileDir?: string) {
  const { settings } = options;
  const seeding = await storage.open();
  await seedUsers(seeding, phc, settings.accounts, options.users);
  await seedSessions(seeding, options.sessions);
  await seeding.close();
  const server = await startServer({ ...SERVER, env, cpuProfDir: profileDir });
  // Twice as many refresh chains as connections: a few are always between response and request.
  const emails = Array.from({ length: settings.meConnections + 2 * settings.refreshConnections }, (_, i) => benchEmail(i + 1));
  const sessions: Tokens[] = await mapLimit(emails, 4, (email) => login(server.url, email, settings.password));
  const meTokens = sessions.slice(0, settings.meConnections).map((t) => t.accessToken);
  await assertMeWorks(server.url, meTokens[0]!);
  const chains = sessions.slice(settings.meConnections).map((t) => t.refreshToken);
  const admin = await login(server.url, ADMIN_EMAIL, settings.password);
  return { server, meTokens, chains, adminToken: admin.accessToken };
}

/** A fresh server on the database the figures left (the seeded sessions and theirs), loaded with `me` once more. */
async function measureMemoryAfterRestart(options: Options, env: Record<string, string>, token: string, profileDir: string | undefined, profiled: ProfiledFigure[]) {
  const server = await startServer({ ...SERVER, env, cpuProfDir: profileDir });
  const from = monotonicMicros();
  try {
    const idle = server.memory();
    const body = JSON.stringify({ query: '{ me { id email role } }' });
    await load({ url: server.url, connections: options.settings.meConnections, durationSeconds: options.settings.durationSeconds, body, headers: { authorization: `Bearer ${token}` } });
    const loaded = server.memory();
    return { sessions: options.sessions, idleRss: idle.rss, rssAfterLoad: loaded.rss, peakRss: loaded.peak };
  } finally {
    const window = { from, to: monotonicMicros() };
    await server.stop();
    if (profileDir) profiled.push(...writeFigureProfiles(profileDir, server.pid, 'memory-server', { memory: window }));
  }
}

type Prepared = Awaited<ReturnType<typeof prepareBackend>>;

/** The selected figures on one running server, each with the server's peak RSS while it ran. */
async function measureFigures(prepared: Prepared, options: Options, adminUrl: string | undefined, step: (message: string) => void, profiling: ProfileMarks) {
  const { server, meTokens, chains, adminToken } = prepared;
  const { only } = options;
  const settings = { ...options.settings, accountPostgres: adminUrl !== undefined };
  const result: Partial<Results> = {};
  const peaks: Partial<Record<Figure, number | null>> = {};
  const figure = async <T>(name: Figure, title: string, work: () => Promise<T>): Promise<T | undefined> => {
    if (!only.has(name)) return undefined;
    step(title);
    const stop = server.trackRss();
    const from = monotonicMicros();
    try {
      return await work();
    } finally {
      peaks[name] = stop();
      profiling.windows[name] ??= { from, to: monotonicMicros() };
    }
  };
  // Each round is a whole figure with its own limit (lib/rounds.ts).
  const inRounds = <T>(measure: () => Promise<T>, ratesOf: (run: T) => RoundRates) => () => measureRounds(options.rounds, measure, ratesOf);
  const me = await figure('me', 'me vs baseline', inRounds(() => measureMe(server, meTokens, settings, profiling), (r) => ({ measured: r.me.perSecond, limit: r.baseline.perSecond })));
  if (me) result.me = { ...me.median, ratios: me.ratios, rates: me.rates };
  const login = await figure('login', 'login vs argon2', inRounds(() => measureLogin(server, meTokens, settings, profiling), (r) => ({ measured: r.login.perSecond, limit: r.hash.perSecond })));
  if (login) result.login = { ...login.median, ratios: login.ratios, rates: login.rates };
  const refresh = await figure('refresh', 'refresh vs raw SQL', async () => {
    const raw = await openRawRefresh({ adminUrl, chains: settings.refreshConnections, poolMax: POOL_MAX, fillerUsers: options.users, sessions: options.sessions, isolation: options.isolation });
    const rotations = async () => {
      const measured = await measureRefresh(server, chains, settings, profiling);
      return { ...measured, raw: await raw.measure(settings.warmupSeconds * 1000, settings.durationSeconds * 1000) };
    };
    return inRounds(rotations, (r) => ({ measured: r.refresh.perSecond, limit: r.raw.perSecond }))().finally(() => raw.close());
  });
  if (refresh) {
    result.refresh = { refresh: refresh.median.refresh, ratios: refresh.ratios, rates: refresh.rates };
    result.rawRefresh = refresh.median.raw;
  }
  result.usersPage = await figure('users', 'users page', () => measureUsersPage(server.url, adminToken, options.users, settings.durationSeconds, settings.warmupSeconds));
  const sampled = Object.values(peaks).filter((v): v is number => typeof v === 'number');
  result.peakRss = { underLoad: sampled.length ? Math.max(...sampled) : null, byFigure: peaks, sinceStart: server.memory().peak };
  return result;
}

/** `dir`: bench/results/profiles/<backend>, emptied at the start of the run (none without --profile). */
function startProfiling(kind: string, enabled: boolean): ProfileMarks {
  const dir = enabled ? path.join(ROOT, 'bench', 'results', 'profiles', kind) : undefined;
  if (dir) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
  }
  return { dir, windows: {}, written: [] };
}

async function runBackend(kind: 'pglite' | 'postgres', options: Options, phc: string, privateKey: string) {
  const step = (message: string) => console.log(`[${kind}] ${message}`);
  const adminUrl = kind === 'postgres' ? process.env.DATABASE_URL : undefined;
  const storage = await createStorage(adminUrl);
  const profiling = startProfiling(kind, options.profile);
  const profileDir = profiling.dir;
  try {
    step(`seeding ${options.users.toLocaleString('en-US')} users and ${options.sessions.toLocaleString('en-US')} sessions`);
    const env = serverEnv(storage, { logLevel: options.logLevel, threadpoolSize: options.settings.threadpoolSize }, privateKey);
    const prepared = await prepareBackend(storage, options, phc, env, profileDir);
    let result: Partial<Results>;
    try {
      result = await measureFigures(prepared, options, adminUrl, step, profiling);
    } finally {
      await prepared.server.stop();
      // Only the figures' windows: the baseline's is for the baseline's own profile (measureMe).
      const windows = Object.fromEntries(FIGURES.filter((f) => profiling.windows[f]).map((f) => [f, profiling.windows[f]]));
      if (profileDir) profiling.written.push(...writeFigureProfiles(profileDir, prepared.server.pid, 'server', windows));
    }
    if (options.only.has('memory')) {
      step(`memory after a restart, with ${options.sessions.toLocaleString('en-US')} seeded sessions`);
      result.memory = await measureMemoryAfterRestart(options, env, prepared.meTokens[0]!, profileDir, profiling.written);
    }
    if (profileDir) result.profiles = profiling.written.map((p) => ({ ...p, files: p.files.map((file) => path.relative(ROOT, file)) }));
    return result;
  } finally {
    await storage.dispose();
  }
}

/** Every round's ratio and rates (--rounds), in the order they ran; the figure's own numbers are the median round's. */
type InRounds<T> = T & { ratios: number[]; rates: RoundRates[] };

interface Results {
  me: InRounds<Awaited<ReturnType<typeof measureMe>>>;
  login: InRounds<Awaited<ReturnType<typeof measureLogin>>>;
  refresh: InRounds<Awaited<ReturnType<typeof measureRefresh>>>;
  rawRefresh: Awaited<ReturnType<RawRefresh['measure']>>;
  usersPage: Awaited<ReturnType<typeof measureUsersPage>>;
  /** Highest VmRSS sampled while the figures ran, and the kernel's VmHWM (start-up included). */
  peakRss: { underLoad: number | null; byFigure: Partial<Record<Figure, number | null>>; sinceStart: number | null };
  memory: Awaited<ReturnType<typeof measureMemoryAfterRestart>>;
  /** With --profile: the reports written for each figure (paths relative to the repository). */
  profiles: ProfiledFigure[];
}

export type BackendResult = Awaited<ReturnType<typeof runBackend>>;

/** bench/cold-work.ts: the same JavaScript back to back and with idle gaps, in main-thread CPU per unit. */
interface ColdWork {
  hotMicros: number;
  coldMicros: number;
  gapMs: number;
  ratio: number;
}

function describeColdWork(c: ColdWork): string {
  const us = (v: number) => `${Math.round(v)} µs`;
  return `cold work: the same GraphQL work costs ${us(c.hotMicros)} of CPU back to back, ${us(c.coldMicros)} once every ${c.gapMs} ms (${c.ratio.toFixed(2)}x)`;
}

async function main(): Promise<void> {
  const options = parseSettings();
  const machine = machineInfo();
  const params = { ...options.settings, password: undefined, rounds: options.rounds, isolation: options.isolation ?? 'off', users: options.users, sessions: options.sessions, logLevel: options.logLevel, argon2: DEFAULT_PASSWORD_HASHING, uvThreadpoolSize: options.settings.threadpoolSize || 'default (4)' };
  console.log('machine:', JSON.stringify(machine));
  console.log('parameters:', JSON.stringify(params));
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' });
  buildBaseline();
  const phc = await hash(options.settings.password, { ...DEFAULT_PASSWORD_HASHING, outputLen: 32 });
  const privateKey = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const kinds = options.backend === 'both' ? (['pglite', 'postgres'] as const) : ([options.backend] as ['pglite' | 'postgres']);
  const backends: Record<string, BackendResult> = {};
  const release = isolateRun(options.isolation, kinds.includes('postgres'));
  runChildrenOn(options.isolation?.serverCpus);
  let coldWork: ColdWork;
  try {
    coldWork = await runProbe<ColdWork>('bench/cold-work.ts', {});
    console.log(describeColdWork(coldWork));
    for (const kind of kinds) backends[kind] = await runBackend(kind, options, phc, privateKey);
  } finally {
    release();
  }
  for (const [kind, result] of Object.entries(backends)) printTable(`Latchkey on ${kind}`, buildRows(result));
  for (const [kind, result] of Object.entries(backends)) if (result.profiles) printProfiles(kind, result.profiles);
  console.log('\nTargets are set for PostgreSQL; the PGlite rows show the same ratios for the embedded default.');
  const file = writeResults({ finishedAt: new Date().toISOString(), machine, coldWork, parameters: params, backends });
  console.log(`results written to ${path.relative(ROOT, file)}`);
}

await main();
