/**
 * lib/thread-pool-priority.ts on this process's own libuv pool: every pool thread is found and gets
 * the nice value, the event loop's thread keeps its own, and a hash still completes on the pool.
 */
import { readFileSync } from 'node:fs';
import { hash, verify } from '@node-rs/argon2';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { findThreadPoolThreads, lowerThreadPoolPriority } from '../../src/lib/thread-pool-priority.js';

/** Field 19 of /proc/<pid>/task/<tid>/stat, counted after the parenthesised command name. */
const niceOf = (tid: number) => Number(readFileSync(`/proc/self/task/${tid}/stat`, 'utf8').split(') ')[1]!.split(' ')[16]);
const poolSize = Number(process.env.UV_THREADPOOL_SIZE ?? 4);

describe.skipIf(process.platform !== 'linux')('lowerThreadPoolPriority', () => {
  it('finds every thread of the pool, and only threads of this process other than the main one', async () => {
    const tids = await findThreadPoolThreads(poolSize);
    expect(tids).toHaveLength(poolSize);
    expect(tids).not.toContain(process.pid);
    for (const tid of tids) expect(readFileSync(`/proc/self/task/${tid}/stat`, 'utf8')).toMatch(new RegExp(`^${tid} `));
  });

  it('sets the nice value on the pool threads and leaves the event loop alone', async () => {
    const before = niceOf(process.pid);
    expect(await lowerThreadPoolPriority(poolSize, 7)).toBe(poolSize);
    for (const tid of await findThreadPoolThreads(poolSize)) expect(niceOf(tid)).toBe(7);
    expect(niceOf(process.pid)).toBe(before);
    const phc = await hash('correct horse', { memoryCost: 64, timeCost: 1, parallelism: 1 });
    expect(await verify(phc, 'correct horse')).toBe(true);
  });

  it('changes nothing at 0', async () => {
    expect(await lowerThreadPoolPriority(poolSize, 0)).toBe(0);
  });
});

describe('THREAD_POOL_NICE', () => {
  it('defaults to 10, takes 0 to 19, and refuses anything else', () => {
    expect(loadConfig({}).passwords.threadPool).toEqual({ size: 4, niceness: 10 });
    expect(loadConfig({ THREAD_POOL_NICE: '0', UV_THREADPOOL_SIZE: '6' }).passwords.threadPool).toEqual({ size: 6, niceness: 0 });
    expect(() => loadConfig({ THREAD_POOL_NICE: '20' })).toThrow(/THREAD_POOL_NICE/);
    expect(() => loadConfig({ THREAD_POOL_NICE: '-5' })).toThrow(/THREAD_POOL_NICE/);
  });
});
