import { describe, expect, it } from 'vitest';
import { createCoalescedBatch } from '../../src/lib/coalesced-lookup.js';

describe('createCoalescedBatch', () => {
  it('sends every call of one turn as one batch, duplicates included, and answers each in order', async () => {
    const batches: string[][] = [];
    const claim = createCoalescedBatch(async (inputs: readonly string[]) => {
      batches.push([...inputs]);
      return inputs.map((input, i) => `${input}#${i}`);
    });
    const results = await Promise.all([claim('a'), claim('b'), claim('a')]);
    expect(batches).toEqual([['a', 'b', 'a']]);
    expect(results).toEqual(['a#0', 'b#1', 'a#2']);
  });

  it('starts a new batch for calls made after the previous one went out', async () => {
    const batches: number[][] = [];
    const run = createCoalescedBatch(async (inputs: readonly number[]) => {
      batches.push([...inputs]);
      return inputs.map((n) => n * 2);
    });
    expect(await run(1)).toBe(2);
    expect(await Promise.all([run(2), run(3)])).toEqual([4, 6]);
    expect(batches).toEqual([[1], [2, 3]]);
  });
});
