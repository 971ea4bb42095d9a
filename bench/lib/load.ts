/**
 * Load generation: autocannon (programmatic) for throughput and latency, and a small fetch-based
 * GraphQL client for setup steps. Every request goes to 127.0.0.1.
 */
import autocannon from 'autocannon';
import pLimit from 'p-limit';
import { startCpuAccount, type CpuAccount } from './cpu-accounting.js';

export interface LoadResult {
  requests: number;
  perSecond: number;
  /** Latencies in ms; autocannon records whole milliseconds, the mean has decimals. */
  mean: number;
  p50: number;
  p99: number;
  max: number;
  errors: number;
  non2xx: number;
  durationSeconds: number;
  /** Server CPU time per completed request, in microseconds (null when not measured). */
  cpuMicrosPerRequest: number | null;
  /** The server's main thread alone (its event loop), per completed request, in microseconds. */
  eventLoopMicrosPerRequest: number | null;
  /** The machine's, PostgreSQL's and the load generator's CPU meanwhile (cpu-accounting.ts). */
  cpu: CpuAccount;
}

export interface LoadOptions {
  url: string;
  connections: number;
  durationSeconds: number;
  body?: string;
  headers?: Record<string, string>;
  /** Per-connection request sequence (autocannon `requests`, with setupRequest/onResponse). */
  requests?: autocannon.Request[];
  /** Caps the total request rate (requests/s over all connections). */
  overallRate?: number;
  /** The server process, to charge its CPU time to the requests completed meanwhile. */
  server?: { cpuSeconds(): number | null; eventLoopCpuSeconds(): number | null };
  /** Count the local PostgreSQL processes' CPU too (the postgres backend; PGlite runs inside the server). */
  accountPostgres?: boolean;
}

const JSON_HEADERS = { 'content-type': 'application/json' };

export async function load(options: LoadOptions): Promise<LoadResult> {
  const cpuBefore = options.server?.cpuSeconds() ?? null;
  const eventLoopBefore = options.server?.eventLoopCpuSeconds() ?? null;
  const account = startCpuAccount(options.accountPostgres ?? false);
  const result = await autocannon({
    url: `${options.url}/graphql`,
    method: 'POST',
    connections: options.connections,
    duration: options.durationSeconds,
    headers: { ...JSON_HEADERS, ...options.headers },
    ...(options.body ? { body: options.body } : {}),
    ...(options.requests ? { requests: options.requests } : {}),
    ...(options.overallRate ? { overallRate: options.overallRate } : {}),
    timeout: 30,
  });
  return {
    requests: result.requests.total,
    perSecond: result.requests.total / result.duration,
    mean: result.latency.mean,
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    durationSeconds: result.duration,
    cpuMicrosPerRequest: cpuPerRequest(cpuBefore, options.server?.cpuSeconds() ?? null, result.requests.total),
    eventLoopMicrosPerRequest: cpuPerRequest(eventLoopBefore, options.server?.eventLoopCpuSeconds() ?? null, result.requests.total),
    cpu: account(result.requests.total),
  };
}

/** CPU seconds spent between two readings, in µs per completed request; null without a reading. */
export function cpuPerRequest(before: number | null, after: number | null, requests: number): number | null {
  if (before === null || after === null || requests === 0) return null;
  return ((after - before) * 1e6) / requests;
}

/** One GraphQL POST; throws on HTTP or GraphQL errors. */
export async function gql<T>(url: string, query: string, variables: Record<string, unknown> = {}, token?: string): Promise<T> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { ...JSON_HEADERS, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const payload = (await response.json()) as { data?: T; errors?: { message: string; extensions?: { code?: string } }[] };
  if (payload.errors?.length) {
    const first = payload.errors[0]!;
    throw Object.assign(new Error(`GraphQL error: ${first.message}`), { code: first.extensions?.code });
  }
  return payload.data as T;
}

export const LOGIN = 'mutation Login($input: LoginInput!) { login(input: $input) { accessToken refreshToken } }';
export const REFRESH = 'mutation Refresh($token: String) { refresh(refreshToken: $token) { accessToken refreshToken } }';
export const ME = '{ me { id email role } }';

export interface Tokens {
  accessToken: string;
  refreshToken: string;
}

export async function login(url: string, email: string, password: string): Promise<Tokens> {
  const data = await gql<{ login: Tokens }>(url, LOGIN, { input: { email, password } });
  return data.login;
}

/** Runs `work` over `items` with at most `concurrency` in flight; results in input order. */
export function mapLimit<T, R>(items: T[], concurrency: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const limit = pLimit(concurrency);
  return Promise.all(items.map((item) => limit(() => work(item))));
}
