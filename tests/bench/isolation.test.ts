/**
 * --isolate (bench/lib/isolation.ts): how the CPUs are split, how taskset's answer is read, and
 * that a child started on given CPUs really runs only there.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { onCpus, parseAffinity, planIsolation, readAffinity } from '../../bench/lib/isolation.js';
import { spawnNode } from '../../bench/lib/process.js';

describe('planIsolation', () => {
  it('gives the servers the upper half of the CPUs and everything else the rest', () => {
    expect(planIsolation(2)).toEqual({ serverCpus: '1', otherCpus: '0', serverCpuCount: 1 });
    expect(planIsolation(3)).toEqual({ serverCpus: '2', otherCpus: '0-1', serverCpuCount: 1 });
    expect(planIsolation(4)).toEqual({ serverCpus: '2-3', otherCpus: '0-1', serverCpuCount: 2 });
    expect(planIsolation(8)).toEqual({ serverCpus: '4-7', otherCpus: '0-3', serverCpuCount: 4 });
  });

  it('refuses below two CPUs', () => {
    expect(planIsolation(1)).toBeNull();
    expect(planIsolation(0)).toBeNull();
    expect(planIsolation(2.5)).toBeNull();
  });
});

describe('parseAffinity', () => {
  it('reads the list out of taskset -p -c', () => {
    expect(parseAffinity("pid 4180's current affinity list: 0,1\n")).toBe('0,1');
    expect(parseAffinity("pid 7's current affinity list: 0-3,6")).toBe('0-3,6');
    expect(parseAffinity('taskset: failed to get pid 9 affinity')).toBeNull();
  });
});

describe('onCpus', () => {
  it('wraps the command in taskset only when CPUs are given', () => {
    expect(onCpus('1', 'node', ['a.js'])).toEqual(['taskset', ['-c', '1', 'node', 'a.js']]);
    expect(onCpus(undefined, 'node', ['a.js'])).toEqual(['node', ['a.js']]);
  });
});

describe.skipIf(availableParallelism() < 2)('a child started on given CPUs', () => {
  it('runs only on them, under its own pid', async () => {
    const child = spawnNode('bench/hash-limit.ts', { BENCH_DURATION_MS: '5000', BENCH_WARMUP_MS: '0' }, [], '1');
    try {
      await new Promise((resolve) => child.once('spawn', resolve));
      // taskset sets the affinity, then execs node under the same pid.
      const argv0 = () => readFileSync(`/proc/${child.pid}/cmdline`, 'utf8').split('\0')[0];
      await expect.poll(argv0).toBe(process.execPath);
      expect(readFileSync(`/proc/${child.pid}/status`, 'utf8')).toMatch(/^Cpus_allowed_list:\s+1$/m);
      expect(readAffinity(child.pid!)).toBe('1');
    } finally {
      child.kill('SIGKILL');
    }
  });
});
