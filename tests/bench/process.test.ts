/**
 * The bench starts the server exactly as `npm start` does, Node's flags included: read from
 * package.json, so a flag added there is benchmarked too.
 */
import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { npmStartCommand, parseNodeCommand, readCpuSeconds, readMainThreadCpuSeconds } from '../../bench/lib/process.js';

describe('parseNodeCommand', () => {
  it('splits Node flags from the script', () => {
    expect(parseNodeCommand('node dist/main.js')).toEqual({ nodeArgs: [], script: 'dist/main.js' });
    expect(parseNodeCommand(' node  --max-semi-space-size=8 --enable-source-maps dist/main.js ')).toEqual({
      nodeArgs: ['--max-semi-space-size=8', '--enable-source-maps'],
      script: 'dist/main.js',
    });
  });

  it('refuses what is not a plain node command', () => {
    expect(parseNodeCommand('tsx src/main.ts')).toBeNull();
    expect(parseNodeCommand('node')).toBeNull();
    expect(parseNodeCommand('node --inspect')).toBeNull();
    expect(parseNodeCommand('node dist/main.js | pino-pretty')).toBeNull();
  });
});

describe('npmStartCommand', () => {
  it('is the compiled server, with whatever Node flags package.json gives it', () => {
    const start = npmStartCommand();
    expect(start.script).toBe('dist/main.js');
    expect(start.nodeArgs.every((arg) => arg.startsWith('--'))).toBe(true);
  });
});

describe.skipIf(!existsSync(`/proc/${process.pid}/task/${process.pid}/schedstat`))('readMainThreadCpuSeconds', () => {
  it("reads this process's main thread: it grows with work on it, and stays within the whole process's time", () => {
    const before = readMainThreadCpuSeconds(process.pid)!;
    // Spin on this thread until the process has used 50 ms of CPU, however busy the machine is.
    const started = process.cpuUsage();
    while (process.cpuUsage(started).user < 50_000) Math.sqrt(Math.random());
    const after = readMainThreadCpuSeconds(process.pid)!;
    expect(after - before).toBeGreaterThan(0.02);
    // The whole process's utime + stime counts in 10 ms ticks.
    expect(after).toBeLessThanOrEqual(readCpuSeconds(process.pid)! + 0.02);
    expect(readMainThreadCpuSeconds(2 ** 22 + 1)).toBeNull();
  });
});
