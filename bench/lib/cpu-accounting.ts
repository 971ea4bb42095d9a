/**
 * Where the CPU of a load goes, beyond the server's own share (load.ts): the whole machine
 * (/proc/stat), every PostgreSQL process (their /proc/<pid>/stat, summed) and the load generator
 * (autocannon runs in this process). With these, a figure shows whether it is bound by CPU (the
 * machine near 100 % busy) or by waiting, and which process costs what per request. Linux only;
 * elsewhere every reading is null. The parsers are pure; the readers read /proc.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** /proc/stat and /proc/<pid>/stat count in USER_HZ, 100 per second on every Linux. */
export const TICKS_PER_SECOND = 100;

export interface MachineTicks {
  /** Time this machine's CPUs ran something: user, nice, system, irq, softirq. */
  busy: number;
  /** Time the hypervisor ran another guest on them although this one had work (a shared VM). */
  steal: number;
  total: number;
}

/**
 * The aggregate `cpu` line of /proc/stat: idle and iowait are idle, steal is counted apart (it is
 * no process's CPU time here, but a figure measured while it is high had less machine), the rest
 * is busy.
 */
export function parseMachineTicks(procStat: string): MachineTicks | null {
  const line = procStat.split('\n').find((l) => l.startsWith('cpu '));
  if (!line) return null;
  const fields = line.trim().split(/\s+/).slice(1).map(Number);
  const total = fields.slice(0, 8).reduce((sum, value) => sum + value, 0);
  const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
  const steal = fields[7] ?? 0;
  return { busy: total - idle - steal, steal, total };
}

/** Command name and utime + stime (ticks) from one /proc/<pid>/stat line. */
export function parseProcessStat(stat: string): { command: string; ticks: number } | null {
  const open = stat.indexOf('(');
  const close = stat.lastIndexOf(')');
  if (open < 0 || close < open) return null;
  const fields = stat.slice(close + 2).split(' ');
  return { command: stat.slice(open + 1, close), ticks: Number(fields[11]) + Number(fields[12]) };
}

/**
 * CPU time of one thread in seconds, from its /proc/<pid>/task/<tid>/schedstat (the first field:
 * nanoseconds on a CPU). For a Node process's main thread (tid = pid) that is the event loop's own
 * time, without libuv's pool, V8's helpers or any worker.
 */
export function parseThreadSchedstat(schedstat: string): number | null {
  const nanoseconds = Number(schedstat.trim().split(/\s+/)[0]);
  return Number.isFinite(nanoseconds) && schedstat.trim() !== '' ? nanoseconds / 1e9 : null;
}

function read(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

/** CPU ticks of every running process whose command is `postgres`, by pid. */
export function postgresTicks(): Map<number, number> {
  const ticks = new Map<number, number>();
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return ticks;
  }
  for (const pid of pids) {
    const stat = read(`/proc/${pid}/stat`);
    const parsed = stat ? parseProcessStat(stat) : null;
    if (parsed?.command === 'postgres') ticks.set(Number(pid), parsed.ticks);
  }
  return ticks;
}

/** The ticks processes spent between two snapshots; processes in only one of them are not counted. */
export function ticksBetween(before: Map<number, number>, after: Map<number, number>): number {
  let sum = 0;
  for (const [pid, ticks] of after) {
    const earlier = before.get(pid);
    if (earlier !== undefined) sum += ticks - earlier;
  }
  return sum;
}

export interface CpuAccount {
  /** Share of all CPUs' time the machine was busy (steal not included). */
  machineBusyShare: number | null;
  /** Share of all CPUs' time the hypervisor gave to other guests while this one had work. */
  machineStealShare: number | null;
  /** CPU time per completed request, in µs: all CPUs, all PostgreSQL processes, this process. */
  machineMicrosPerRequest: number | null;
  postgresMicrosPerRequest: number | null;
  loadGeneratorMicrosPerRequest: number;
}

/**
 * Starts counting; the returned function stops and charges everything to `requests`. `postgres`:
 * count the local PostgreSQL server (the bench only ever talks to loopback, so it is this one).
 */
export function startCpuAccount(postgres: boolean): (requests: number) => CpuAccount {
  const procStat = read('/proc/stat');
  const machineBefore = procStat ? parseMachineTicks(procStat) : null;
  const postgresBefore = postgres ? postgresTicks() : new Map<number, number>();
  const selfBefore = process.cpuUsage();
  return (requests) => {
    const self = process.cpuUsage(selfBefore);
    const procStatAfter = read('/proc/stat');
    const machineAfter = procStatAfter ? parseMachineTicks(procStatAfter) : null;
    const perRequest = (ticks: number) => (requests > 0 ? (ticks * 1e6) / TICKS_PER_SECOND / requests : null);
    const machine = machineBefore && machineAfter ? ticksSpent(machineBefore, machineAfter) : null;
    const postgresSpent = postgresBefore.size > 0 ? ticksBetween(postgresBefore, postgresTicks()) : 0;
    return {
      machineBusyShare: machine && machine.total > 0 ? machine.busy / machine.total : null,
      machineStealShare: machine && machine.total > 0 ? machine.steal / machine.total : null,
      machineMicrosPerRequest: machine ? perRequest(machine.busy) : null,
      postgresMicrosPerRequest: postgresBefore.size > 0 ? perRequest(postgresSpent) : null,
      loadGeneratorMicrosPerRequest: requests > 0 ? (self.user + self.system) / requests : 0,
    };
  };
}

/**
 * The highest login/hash this machine allows any server. Logins keep every CPU busy, and each one
 * costs the machine at least a verify plus what PostgreSQL and the load generator spend on it
 * (measured in the figure: no server can do without them), where the probe spends the verify
 * alone. So login/hash can reach at most verify / (verify + PostgreSQL + load generator). On PGlite
 * the database runs inside the server and is left out. Null where a reading is missing.
 */
export function loginCeiling(verifyMicros: number | null, login: Pick<CpuAccount, 'postgresMicrosPerRequest' | 'loadGeneratorMicrosPerRequest'>): number | null {
  if (verifyMicros === null || !(verifyMicros > 0) || !(login.loadGeneratorMicrosPerRequest > 0)) return null;
  return verifyMicros / (verifyMicros + (login.postgresMicrosPerRequest ?? 0) + login.loadGeneratorMicrosPerRequest);
}

function ticksSpent(before: MachineTicks, after: MachineTicks): MachineTicks {
  return { busy: after.busy - before.busy, steal: after.steal - before.steal, total: after.total - before.total };
}
