/**
 * SIGTERM under load, against the real entry point (`node --import tsx src/main.ts`) in a child
 * process: requests already in flight complete with 200, new connections are refused, and the
 * process exits 0 within the grace period. With TEST_DATABASE_URL the same runs with two
 * node:cluster workers (WEB_CONCURRENCY=2).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOGIN, REGISTER, STRONG_PASSWORD, uniqueEmail } from '../helpers/fixtures.js';
import { freePort } from '../helpers/ports.js';
import { createTestDatabase } from '../helpers/test-database.js';

const IN_FLIGHT = 16;

interface Child {
  process: ChildProcess;
  lines: Array<Record<string, any>>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  waitFor(predicate: (lines: Array<Record<string, any>>) => boolean): Promise<void>;
}

function startServer(env: Record<string, string>): Child {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    // debug: the test counts Fastify's per-request "incoming request" lines, which are debug-level.
    env: { PATH: process.env.PATH, NODE_ENV: 'test', LOG_LEVEL: 'debug', SESSION_CLEANUP_INTERVAL_SECONDS: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: Array<Record<string, any>> = [];
  let buffer = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    const parts = buffer.split('\n');
    buffer = parts.pop()!;
    for (const part of parts) if (part.trim().startsWith('{')) lines.push(JSON.parse(part));
  });
  child.stderr!.on('data', (chunk: Buffer) => lines.push({ stderr: chunk.toString() }));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const waitFor = async (predicate: (l: typeof lines) => boolean) => {
    for (let i = 0; i < 600 && !predicate(lines); i += 1) await new Promise((resolve) => setTimeout(resolve, 50));
    if (!predicate(lines)) throw new Error(`condition not met; output: ${JSON.stringify(lines.slice(-5))}`);
  };
  return { process: child, lines, exited, waitFor };
}

async function graphql(url: string, query: string, variables: Record<string, unknown>) {
  const response = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  return { status: response.status, body: (await response.json()) as { data?: any; errors?: any[] } };
}

/** A request on a brand-new TCP connection: 'refused' once the listener is closed. */
function freshConnection(port: number): Promise<number | 'refused'> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path: '/health', agent: false }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', () => resolve('refused'));
    req.end();
  });
}

async function shutdownUnderLoad(env: Record<string, string>) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const server = startServer({ PORT: String(port), SHUTDOWN_GRACE_MS: '15000', ...env });
  await server.waitFor((l) => l.filter((x) => x.msg === 'Latchkey is ready').length >= Number(env.WEB_CONCURRENCY ?? 1));
  const email = uniqueEmail('sigterm');
  expect((await graphql(url, REGISTER, { input: { email, password: STRONG_PASSWORD } })).body.errors).toBeUndefined();
  const before = server.lines.filter((l) => l.msg === 'incoming request').length;

  const inFlight = Array.from({ length: IN_FLIGHT }, () => graphql(url, LOGIN, { input: { email, password: STRONG_PASSWORD } }));
  await server.waitFor((l) => l.filter((x) => x.msg === 'incoming request').length >= before + IN_FLIGHT);
  server.process.kill('SIGTERM');
  await server.waitFor((l) => l.some((x) => x.msg === 'shutting down'));

  let fresh: number | 'refused' = 0;
  for (let i = 0; i < 40 && fresh !== 'refused'; i += 1) {
    fresh = await freshConnection(port);
    if (fresh !== 'refused') await new Promise((resolve) => setTimeout(resolve, 25));
  }
  const results = await Promise.all(inFlight);
  const exit = await server.exited;
  return { fresh, results, exit, lines: server.lines };
}

describe('SIGTERM during load', () => {
  it('finishes in-flight requests, refuses new connections and exits 0', { timeout: 60_000 }, async () => {
    const { fresh, results, exit, lines } = await shutdownUnderLoad({ DATABASE_URL: 'memory://' });
    expect(results.map((r) => r.status)).toEqual(Array(IN_FLIGHT).fill(200));
    expect(results.every((r) => r.body.errors === undefined && r.body.data.login.accessToken)).toBe(true);
    expect(fresh).toBe('refused');
    expect(exit).toEqual({ code: 0, signal: null });
    expect(lines.filter((l) => l.stderr || l.level >= 50)).toEqual([]);
  });

  it.skipIf(!process.env.TEST_DATABASE_URL)('does the same with two cluster workers', { timeout: 90_000 }, async () => {
    const database = await createTestDatabase();
    const dataDir = mkdtempSync(path.join(tmpdir(), 'latchkey-cluster-'));
    try {
      const { fresh, results, exit, lines } = await shutdownUnderLoad({ DATABASE_URL: database.url, WEB_CONCURRENCY: '2', DATA_DIR: dataDir });
      expect(results.map((r) => r.status)).toEqual(Array(IN_FLIGHT).fill(200));
      expect(fresh).toBe('refused');
      expect(exit).toEqual({ code: 0, signal: null });
      expect(lines.filter((l) => l.msg === 'Latchkey is ready')).toHaveLength(2);
      expect(lines.some((l) => l.msg === 'Latchkey primary started' && l.workers === 2)).toBe(true);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
      await database.drop();
    }
  });
});
