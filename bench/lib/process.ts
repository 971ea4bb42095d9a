/**
 * Child processes the bench drives: the Latchkey server (src/main.ts), the baseline server and
 * the limit probes. Servers listen on a free loopback port; their memory is read from
 * /proc/<pid>/status (VmHWM is the kernel's own peak-RSS mark, so no sample can miss a spike).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';
import { parseProcessStat, parseThreadSchedstat, TICKS_PER_SECOND } from './cpu-accounting.js';
import { onCpus, readAffinity } from './isolation.js';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface ChildServer {
  url: string;
  pid: number;
  /** Current and peak resident memory in bytes (null where /proc is unavailable). */
  memory(): { rss: number | null; peak: number | null };
  /** Samples VmRSS every 100 ms until the returned function is called; it returns the maximum. */
  trackRss(): () => number | null;
  /** CPU seconds (user + system, all threads) the process has used so far; null without /proc. */
  cpuSeconds(): number | null;
  /** CPU seconds of the main thread alone (the event loop); null without /proc. */
  eventLoopCpuSeconds(): number | null;
  stop(): Promise<void>;
}

export interface StartOptions {
  script: string;
  /** Node's own flags, before the script. */
  nodeArgs?: string[];
  env: Record<string, string>;
  /** Directory for a V8 CPU profile (`node --cpu-prof`), written when the child exits. */
  cpuProfDir?: string;
}

/**
 * The baseline server, compiled like the server it is measured against (`npm start` runs compiled
 * JavaScript). Run through tsx instead, its loader hooks cost it ~8 % more CPU per request, which
 * flattered Latchkey's ratio.
 */
export const BASELINE_SCRIPT = 'bench/.build/baseline-server.js';

export function buildBaseline(): void {
  buildSync({
    entryPoints: [path.resolve(ROOT, 'bench/baseline-server.ts')],
    outfile: path.resolve(ROOT, BASELINE_SCRIPT),
    format: 'esm',
    platform: 'node',
    target: 'node20',
    logLevel: 'warning',
  });
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** `node <flags> <script>` out of an npm script; null for anything else (a shell pipeline, another program). */
export function parseNodeCommand(command: string): { nodeArgs: string[]; script: string } | null {
  const words = command.trim().split(/\s+/);
  if (words[0] !== 'node' || words.length < 2) return null;
  const script = words[words.length - 1]!;
  const nodeArgs = words.slice(1, -1);
  return nodeArgs.every((arg) => arg.startsWith('--')) && !script.startsWith('-') ? { nodeArgs, script } : null;
}

/** What `npm start` runs, Node's flags included, read from package.json so the two cannot drift apart. */
export function npmStartCommand(): { nodeArgs: string[]; script: string } {
  const start = (JSON.parse(readFileSync(path.resolve(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts.start ?? '';
  const parsed = parseNodeCommand(start);
  if (!parsed) throw new Error(`package.json's start script is not "node [flags] <script>": ${start}`);
  return parsed;
}

/** With --isolate, the CPUs every child (servers and probes) runs on; set once, before the first. */
let childCpus: string | undefined;

export function runChildrenOn(cpus: string | undefined): void {
  childCpus = cpus;
}

export function spawnNode(script: string, env: Record<string, string>, extraArgs: string[] = [], cpus = childCpus, stdout: 'ignore' | 'pipe' = 'ignore'): ChildProcess {
  // Compiled JavaScript (the server, as `npm start` runs it) needs no loader; TypeScript goes through tsx.
  const loader = script.endsWith('.ts') ? ['--import', 'tsx'] : [];
  const [command, args] = onCpus(cpus, process.execPath, [...extraArgs, ...loader, path.resolve(ROOT, script)]);
  return spawn(command, args, {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', stdout, 'pipe'],
  });
}

export async function startServer(options: StartOptions): Promise<ChildServer> {
  const port = await freePort();
  const profArgs = options.cpuProfDir ? ['--cpu-prof', '--cpu-prof-dir', options.cpuProfDir] : [];
  const child = spawnNode(options.script, { ...options.env, HOST: '127.0.0.1', PORT: String(port) }, [...profArgs, ...(options.nodeArgs ?? [])]);
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  await waitUntilUp(url, child, () => stderr);
  if (childCpus && readAffinity(child.pid!) !== childCpus) throw new Error(`${options.script} is not pinned to CPUs ${childCpus}`);
  return {
    url,
    pid: child.pid!,
    memory: () => readMemory(child.pid!),
    cpuSeconds: () => readCpuSeconds(child.pid!),
    eventLoopCpuSeconds: () => readMainThreadCpuSeconds(child.pid!),
    trackRss: () => trackRss(child.pid!),
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const timeout = sleep(20_000).then(() => child.kill('SIGKILL'));
      await Promise.race([exited, timeout]);
      await exited;
    },
  };
}

async function waitUntilUp(url: string, child: ChildProcess, stderr: () => string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${stderr()}`);
    try {
      const response = await fetch(`${url}/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  child.kill('SIGKILL');
  throw new Error(`server did not start within 120 s:\n${stderr()}`);
}

export function readMemory(pid: number): { rss: number | null; peak: number | null } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => {
      const match = new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status);
      return match ? Number(match[1]) * 1024 : null;
    };
    return { rss: kb('VmRSS'), peak: kb('VmHWM') };
  } catch {
    return { rss: null, peak: null };
  }
}

function trackRss(pid: number): () => number | null {
  let max: number | null = null;
  const sample = () => {
    const { rss } = readMemory(pid);
    if (rss !== null) max = Math.max(max ?? 0, rss);
  };
  sample();
  const timer = setInterval(sample, 100);
  return () => {
    clearInterval(timer);
    sample();
    return max;
  };
}

/** utime + stime from /proc/<pid>/stat, in seconds. */
export function readCpuSeconds(pid: number): number | null {
  try {
    const parsed = parseProcessStat(readFileSync(`/proc/${pid}/stat`, 'utf8'));
    return parsed ? parsed.ticks / TICKS_PER_SECOND : null;
  } catch {
    return null;
  }
}

/** The main thread's CPU time, from its schedstat (cpu-accounting.ts parseThreadSchedstat). */
export function readMainThreadCpuSeconds(pid: number): number | null {
  try {
    return parseThreadSchedstat(readFileSync(`/proc/${pid}/task/${pid}/schedstat`, 'utf8'));
  } catch {
    return null;
  }
}

/** Runs a probe script to completion and parses the JSON it prints on its last stdout line. */
export async function runProbe<T>(script: string, env: Record<string, string>): Promise<T> {
  const child = spawnNode(script, env, [], childCpus, 'pipe');
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`${script} failed (${code}):\n${stderr.slice(-4000)}`);
  const lines = stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]!) as T;
}
