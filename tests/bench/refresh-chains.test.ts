/**
 * The refresh figure's chains survive from one load to the next (bench/lib/scenarios.ts): the
 * rotations autocannon cuts off at the end of a load are settled inside the reuse grace window, so
 * a later round, after a limit was measured in between, finds every chain valid instead of
 * revoking the sessions of the ones cut off. Against a real server over HTTP.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChildServer } from '../../bench/lib/process.js';
import { measureRefresh, type Settings } from '../../bench/lib/scenarios.js';
import { REFRESH, registerUser } from '../helpers/fixtures.js';
import { createTestServer, type TestServer } from '../helpers/test-server.js';

const unlimited = '1000000000';
const settings: Settings = {
  durationSeconds: 1,
  warmupSeconds: 1,
  meConnections: 1,
  loginConnections: 1,
  refreshConnections: 4,
  accounts: 1,
  password: 'unused',
  threadpoolSize: '',
  hashThreads: 1,
};

describe('the refresh figure across rounds', () => {
  let server: TestServer;
  let chains: string[];
  let target: ChildServer;
  beforeAll(async () => {
    server = await createTestServer({ REFRESH_MAX_PER_SESSION: unlimited, GLOBAL_MAX_PER_IP: unlimited, REFRESH_REUSE_GRACE_SECONDS: '10' });
    const users = await Promise.all(Array.from({ length: 8 }, () => registerUser(server.client())));
    chains = users.map((user) => user.refreshToken as string);
    target = { url: server.url, pid: process.pid, cpuSeconds: () => null, eventLoopCpuSeconds: () => null, memory: () => ({ rss: null, peak: null }), trackRss: () => () => null, stop: async () => {} };
  });
  afterAll(() => server?.close());

  it('keeps every chain valid when the next round comes after the grace window', async () => {
    const first = await measureRefresh(target, chains, settings);
    expect(first.refresh.requests).toBeGreaterThan(0);
    expect(first.refresh.errors).toBe(0);
    server.clock.advance(60);
    const second = await measureRefresh(target, chains, settings);
    expect(second.refresh.errors).toBe(0);
    expect(second.refresh.firstFailure).toBeNull();
    const client = server.client();
    for (const token of chains) {
      const { refresh } = await client.data<{ refresh: { refreshToken: string } }>(REFRESH, { token });
      expect(refresh.refreshToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    }
  });
});
