/**
 * Lowers the scheduling priority of libuv's thread pool below the event loop's (Linux only).
 * argon2id hashes run on that pool; when logins keep every core busy, an event loop at the same
 * priority waits behind them for a core, and every other request waits with it. With the pool
 * at a higher nice value the kernel runs the event loop first whenever both are ready; the hashes
 * still get every cycle the event loop leaves, so no work is dropped or reordered.
 *
 * Node gives no handle on the pool's threads, so they are found by asking them: a readlink of
 * /proc/thread-self runs on whichever pool thread takes it and names that thread. Linux keeps a
 * nice value per thread, so setpriority(2) on each such id affects that thread alone.
 */
import { readlink } from 'node:fs/promises';
import { setPriority } from 'node:os';

const PROBES_PER_ROUND = 64;
const MAX_ROUNDS = 20;

/** The thread ids of the pool, as many of `poolSize` as a few rounds of probes reach. */
export async function findThreadPoolThreads(poolSize: number): Promise<number[]> {
  const found = new Set<number>();
  for (let round = 0; round < MAX_ROUNDS && found.size < poolSize; round += 1) {
    const links = await Promise.all(Array.from({ length: PROBES_PER_ROUND }, () => readlink('/proc/thread-self').catch(() => null)));
    for (const link of links) {
      const tid = Number(/\/task\/(\d+)$/.exec(link ?? '')?.[1]);
      if (tid > 0 && tid !== process.pid) found.add(tid);
    }
    if (found.size === 0) break; // not Linux, or no /proc
  }
  return [...found];
}

/** Sets `niceness` on every pool thread found; returns how many. Where that is impossible, none. */
export async function lowerThreadPoolPriority(poolSize: number, niceness: number): Promise<number> {
  if (process.platform !== 'linux' || niceness === 0) return 0;
  let lowered = 0;
  for (const tid of await findThreadPoolThreads(poolSize)) {
    try {
      setPriority(tid, niceness);
      lowered += 1;
    } catch {
      // A thread that has exited, or a sandbox that forbids it: that thread keeps its priority.
    }
  }
  return lowered;
}
