/**
 * `--isolate`: the servers under test and their limits get CPUs of their own, and PostgreSQL and
 * the load generator the others, as if the database and the clients ran on other machines. On a
 * machine this small every figure otherwise also measures how its server shares two cores with
 * PostgreSQL and the load generator. Affinity is set with util-linux's `taskset`; PostgreSQL's
 * processes get their own affinity back at the end (new backends inherit the postmaster's).
 */
import { execFileSync } from 'node:child_process';
import { postgresTicks } from './cpu-accounting.js';

export interface CpuPlan {
  /** CPUs (a taskset list such as `1` or `2-3`) for the server, the baseline and the limits' own processes. */
  serverCpus: string;
  /** CPUs for PostgreSQL and the load generator. */
  otherCpus: string;
  /** How many CPUs serverCpus names: what the server, pinned there, sees as its CPU count. */
  serverCpuCount: number;
}

const list = (from: number, to: number) => (from === to ? String(from) : `${from}-${to}`);

/** The upper half of the CPUs (at least one) for the servers, the rest for everything else; null below two CPUs. */
export function planIsolation(cpuCount: number): CpuPlan | null {
  if (!Number.isInteger(cpuCount) || cpuCount < 2) return null;
  const serverCount = Math.floor(cpuCount / 2);
  return { serverCpus: list(cpuCount - serverCount, cpuCount - 1), otherCpus: list(0, cpuCount - serverCount - 1), serverCpuCount: serverCount };
}

/** The affinity list out of `taskset -p -c <pid>` ("pid 42's current affinity list: 0,1"). */
export function parseAffinity(output: string): string | null {
  return /affinity list:\s*([\d,-]+)\s*$/.exec(output.trim())?.[1] ?? null;
}

export function readAffinity(pid: number): string | null {
  try {
    return parseAffinity(execFileSync('taskset', ['-p', '-c', String(pid)], { encoding: 'utf8' }));
  } catch {
    return null;
  }
}

/** Every thread of the process; false when the process is gone or taskset refused. */
export function pinProcess(pid: number, cpus: string): boolean {
  try {
    execFileSync('taskset', ['-a', '-p', '-c', cpus, String(pid)], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** The command line that starts `command` on `cpus` (taskset execs it, so the pid is the command's). */
export function onCpus(cpus: string | undefined, command: string, args: string[]): [string, string[]] {
  return cpus ? ['taskset', ['-c', cpus, command, ...args]] : [command, args];
}

/** Pins every running PostgreSQL process to `cpus`; the returned function gives each its own affinity back. */
export function pinPostgres(cpus: string): () => void {
  const previous = new Map<number, string>();
  for (const pid of postgresTicks().keys()) {
    const affinity = readAffinity(pid);
    if (affinity && pinProcess(pid, cpus)) previous.set(pid, affinity);
  }
  if (previous.size === 0) throw new Error('--isolate: found no PostgreSQL process on this machine to pin');
  // Backends started meanwhile inherited the pinned postmaster's affinity: they get the old one too.
  const fallback = previous.values().next().value!;
  return () => {
    for (const pid of postgresTicks().keys()) pinProcess(pid, previous.get(pid) ?? fallback);
  };
}

/**
 * --isolate: this process (the load generator) and PostgreSQL move to the other CPUs; servers and
 * probes start on theirs (process.ts), and the raw refresh loop moves there while it runs
 * (raw-refresh.ts). Returns what gives PostgreSQL its affinity back, which Ctrl-C runs too.
 */
export function isolateRun(plan: CpuPlan | null, postgres: boolean): () => void {
  if (!plan) return () => {};
  if (!pinProcess(process.pid, plan.otherCpus)) throw new Error('--isolate: taskset could not pin the bench process');
  const restore = postgres ? pinPostgres(plan.otherCpus) : () => {};
  const interrupted = () => {
    restore();
    process.exit(130);
  };
  process.once('SIGINT', interrupted);
  return () => {
    process.off('SIGINT', interrupted);
    restore();
  };
}
