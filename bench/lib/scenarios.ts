/**
 * The throughput figures: `me` against the baseline server, `login` against pure argon2 and
 * `refresh` against raw SQL. Each function warms up, measures, and returns plain numbers.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type autocannon from 'autocannon';
import { gql, load, LOGIN, ME, REFRESH, type LoadResult } from './load.js';
import { BASELINE_SCRIPT, runProbe, startServer, type ChildServer } from './process.js';
import type { TimeWindow } from './cpu-profile.js';
import { monotonicMicros, writeFigureProfiles, type ProfiledFigure } from './profile-report.js';
import { benchEmail } from './storage.js';

export interface Settings {
  durationSeconds: number;
  warmupSeconds: number;
  meConnections: number;
  loginConnections: number;
  refreshConnections: number;
  accounts: number;
  password: string;
  threadpoolSize: string;
  /** The server's password-hash concurrency: the hash probe runs on as many threads. */
  hashThreads: number;
  /** Charge the local PostgreSQL processes' CPU to each load (the postgres backend only). */
  accountPostgres?: boolean;
}

const body = (query: string, variables: Record<string, unknown> = {}) => JSON.stringify({ query, variables });

/** Per-connection bearer tokens: connection k sends tokens[k % n]. */
function withTokens(server: ChildServer, s: Settings, connections: number, durationSeconds: number, tokens: string[], overallRate?: number) {
  let next = 0;
  const requests: autocannon.Request[] = [
    {
      body: body(ME),
      setupRequest: (request, context) => {
        const state = context as { token?: string };
        state.token ??= tokens[next++ % tokens.length];
        return { ...request, headers: { ...request.headers, authorization: `Bearer ${state.token}` } };
      },
    },
  ];
  return load({ url: server.url, server, connections, durationSeconds, requests, overallRate, accountPostgres: s.accountPostgres });
}

/**
 * With --profile (profile-report.ts): where each figure's measured load ran, so its report leaves
 * out the warm-ups and the limits measured in between; and where to write the baseline's reports.
 */
export interface ProfileMarks {
  windows: Partial<Record<string, TimeWindow>>;
  dir?: string;
  written: ProfiledFigure[];
}

async function timed<T>(marks: ProfileMarks | undefined, name: string, work: () => Promise<T>): Promise<T> {
  const from = monotonicMicros();
  const result = await work();
  if (marks) marks.windows[name] = { from, to: monotonicMicros() };
  return result;
}

export async function measureMe(server: ChildServer, tokens: string[], s: Settings, marks?: ProfileMarks) {
  const baseline = await startServer({ script: BASELINE_SCRIPT, env: { NODE_ENV: 'production' }, cpuProfDir: marks?.dir });
  try {
    const ok = body('{ ok }');
    const base = (seconds: number) => load({ url: baseline.url, server: baseline, connections: s.meConnections, durationSeconds: seconds, body: ok, accountPostgres: s.accountPostgres });
    await base(s.warmupSeconds);
    await withTokens(server, s, s.meConnections, s.warmupSeconds, tokens);
    const limit = await timed(marks, 'baseline', () => base(s.durationSeconds));
    const me = await timed(marks, 'me', () => withTokens(server, s, s.meConnections, s.durationSeconds, tokens));
    return { me, baseline: limit };
  } finally {
    await baseline.stop();
    if (marks?.dir) {
      // With --rounds every round starts its own baseline: its reports replace the round before's.
      const reports = writeFigureProfiles(marks.dir, baseline.pid, 'baseline', { baseline: marks.windows.baseline });
      marks.written.splice(0, marks.written.length, ...marks.written.filter((p) => p.figure !== 'baseline'), ...reports);
    }
  }
}

/** Logins cycling over the seeded accounts; `probe` adds a light `me` load at the same time. */
export async function measureLogin(server: ChildServer, meTokens: string[], s: Settings, marks?: ProfileMarks) {
  let next = 0;
  const requests: autocannon.Request[] = [
    {
      setupRequest: (request) => {
        const email = benchEmail(1 + (next++ % s.accounts));
        return { ...request, body: body(LOGIN, { input: { email, password: s.password } }) };
      },
    },
  ];
  const logins = (durationSeconds: number) => load({ url: server.url, server, connections: s.loginConnections, durationSeconds, requests, accountPostgres: s.accountPostgres });
  await logins(s.warmupSeconds);
  // The limit right before the figure, so both see the same neighbours on a shared machine.
  const hash = await runProbe<{ perSecond: number; concurrency: number; cpuMicrosPerVerify: number }>('bench/hash-limit.ts', {
    BENCH_DURATION_MS: String(s.durationSeconds * 1000),
    BENCH_WARMUP_MS: String(s.warmupSeconds * 1000),
    BENCH_CONCURRENCY: String(s.hashThreads),
    ...(s.threadpoolSize ? { UV_THREADPOOL_SIZE: s.threadpoolSize } : {}),
  });
  return timed(marks, 'login', async () => {
    const alone = await logins(s.durationSeconds);
    const [underLoad, meProbe] = await Promise.all([logins(s.durationSeconds), withTokens(server, s, 2, s.durationSeconds, meTokens, 50)]);
    return { login: alone, loginWithMeProbe: underLoad, meUnderLoginLoad: meProbe, hash };
  });
}

/**
 * Rotations: every request takes an idle refresh-token chain and puts it back with the rotated
 * token, so no chain is ever used twice at once (autocannon resets per-connection context
 * between requests, so connections cannot own chains). A failed rotation retires its chain.
 * autocannon drops the responses still in flight when a load ends, but the server rotated those
 * tokens: each such chain is settled right away by presenting its token once more, which inside
 * the reuse grace window returns the same successor. Left as they were, the next load would
 * present them after the window (a limit is measured in between) and revoke their sessions.
 */
export async function measureRefresh(server: ChildServer, chains: string[], s: Settings, marks?: ProfileMarks) {
  let failures = 0;
  let firstFailure: string | null = null;
  const inFlight = new Set<number>();
  const run = (durationSeconds: number): Promise<LoadResult> => {
    const idle = chains.map((_, i) => i);
    const requests: autocannon.Request[] = [
      {
        setupRequest: (request, context) => {
          const chain = idle.shift();
          if (chain === undefined) throw new Error('refresh: no idle refresh-token chain left');
          (context as { chain?: number }).chain = chain;
          inFlight.add(chain);
          return { ...request, body: body(REFRESH, { token: chains[chain] }) };
        },
        onResponse: (_status, responseBody, context) => {
          const chain = (context as { chain: number }).chain;
          inFlight.delete(chain);
          const token = (JSON.parse(responseBody) as { data?: { refresh?: { refreshToken: string } } }).data?.refresh?.refreshToken;
          if (token) {
            chains[chain] = token;
            idle.push(chain);
          } else {
            failures += 1;
            firstFailure ??= responseBody.slice(0, 300);
          }
        },
      },
    ];
    return load({ url: server.url, server, connections: s.refreshConnections, durationSeconds, requests, accountPostgres: s.accountPostgres });
  };
  const settleCutOffChains = async () => {
    for (const chain of inFlight) {
      const rotated = await gql<{ refresh: { refreshToken: string } }>(server.url, REFRESH, { token: chains[chain] });
      chains[chain] = rotated.refresh.refreshToken;
    }
    inFlight.clear();
  };
  await run(s.warmupSeconds).finally(settleCutOffChains);
  // Requests cut off at the end of the warm-up finish on the server before the figure starts.
  await sleep(1000);
  failures = 0;
  // Settled after the profile's window closes: the settling takes the slower replay path.
  const refresh = await timed(marks, 'refresh', () => run(s.durationSeconds)).finally(settleCutOffChains);
  return { refresh: { ...refresh, errors: refresh.errors + failures, firstFailure } };
}

/** Sanity check before measuring: a token really authenticates. */
export async function assertMeWorks(url: string, token: string): Promise<void> {
  const data = await gql<{ me: { email: string } | null }>(url, ME, {}, token);
  if (!data.me) throw new Error('me returned null with a valid token');
}
