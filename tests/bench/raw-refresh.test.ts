/**
 * The refresh figure's limit (bench/lib/raw-refresh.ts): one seeded database for all the rounds of
 * a run, whose chains go on from round to round as the server's do. On PGlite, or on the
 * PostgreSQL server of TEST_DATABASE_URL (a temporary database next to it, dropped at the end).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRawRefresh, type RawRefresh } from '../../bench/lib/raw-refresh.js';

describe('the raw refresh loop', () => {
  let raw: RawRefresh;
  beforeAll(async () => {
    raw = await openRawRefresh({ adminUrl: process.env.TEST_DATABASE_URL, chains: 3, poolMax: 2, fillerUsers: 50, sessions: 40 });
  });
  afterAll(() => raw?.close());

  it('rotates every chain in one round and carries the chains into the next', async () => {
    const first = await raw.measure(50, 300);
    expect(first.rotations).toBeGreaterThanOrEqual(3);
    // Each chain's token is the one the last rotation issued: a loop that started over would not find it.
    const second = await raw.measure(0, 300);
    expect(second.rotations).toBeGreaterThanOrEqual(3);
    expect(second.perSecond).toBeGreaterThan(0);
  });
});
