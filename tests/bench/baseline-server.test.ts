/**
 * The `me` figure's limit: the bench compiles the baseline server and runs it as plain JavaScript,
 * like the Latchkey server it is compared with (through tsx its loader hooks cost it ~8 % more CPU
 * per request, which flattered the ratio), and it answers `{ ok }` over real HTTP.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAffinity } from '../../bench/lib/isolation.js';
import { BASELINE_SCRIPT, buildBaseline, ROOT, runChildrenOn, startServer, type ChildServer } from '../../bench/lib/process.js';

describe('the baseline server', () => {
  let server: ChildServer;
  beforeAll(async () => {
    buildBaseline();
    server = await startServer({ script: BASELINE_SCRIPT, env: { NODE_ENV: 'production' } });
  });
  afterAll(() => server?.stop());

  it('is built to JavaScript and started without a TypeScript loader', () => {
    expect(readFileSync(path.resolve(ROOT, BASELINE_SCRIPT), 'utf8')).toContain('new ApolloServer');
    const argv = readFileSync(`/proc/${server.pid}/cmdline`, 'utf8').split('\0');
    expect(argv).toContain(path.resolve(ROOT, BASELINE_SCRIPT));
    expect(argv.join(' ')).not.toMatch(/tsx|\.ts\b/);
  });

  it('answers { ok } with a constant', async () => {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ ok }' }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { ok: true } });
  });
});

describe.skipIf(availableParallelism() < 2)('servers started under --isolate', () => {
  it('run on the servers\' CPUs only', async () => {
    buildBaseline();
    runChildrenOn('1');
    try {
      const pinned = await startServer({ script: BASELINE_SCRIPT, env: { NODE_ENV: 'production' } });
      try {
        expect(readAffinity(pinned.pid)).toBe('1');
        expect(readFileSync(`/proc/${pinned.pid}/status`, 'utf8')).toMatch(/^Cpus_allowed_list:\s+1$/m);
      } finally {
        await pinned.stop();
      }
    } finally {
      runChildrenOn(undefined);
    }
  });
});
