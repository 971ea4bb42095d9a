/**
 * `--profile`: each server child runs under `node --cpu-prof`, and the profile V8 writes when it
 * exits is cut into the windows of the figures that ran on it. For every figure the bench writes
 * `<figure>.html` (a flame graph of the main thread's busy time) and `<figure>.txt` (busy, idle and
 * GC time, the top functions by self time and the top packages), next to the whole profile
 * (`<server>.cpuprofile`, for Chrome DevTools or speedscope).
 */
import { readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { flameTree, formatSummary, summariseProfile, type CpuProfile, type TimeWindow } from './cpu-profile.js';
import { renderFlameGraph } from './flame-graph.js';
import { percent } from './report.js';

/** Now, in µs of the monotonic clock V8 stamps profile samples with. */
export const monotonicMicros = () => Number(process.hrtime.bigint() / 1000n);

export interface ProfiledFigure {
  figure: string;
  busyShare: number;
  gcShareOfBusy: number;
  files: string[];
}

/**
 * The main thread's profile of a child that has exited (`CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile`,
 * thread 0); the others (tsx's loader thread of the TypeScript baseline) are removed.
 */
function takeMainThreadProfile(dir: string, pid: number): string | null {
  const ofPid = readdirSync(dir).filter((file) => /^CPU\..*\.cpuprofile$/.test(file) && file.split('.')[3] === String(pid));
  for (const file of ofPid.filter((f) => f.split('.')[4] !== '0')) rmSync(path.join(dir, file));
  const main = ofPid.find((f) => f.split('.')[4] === '0');
  return main ? path.join(dir, main) : null;
}

/**
 * Renames the profile of `pid` to `<server>.cpuprofile` and writes the per-figure reports; windows
 * that are undefined cover the whole profile. Returns what it wrote, or [] without a profile.
 */
export function writeFigureProfiles(dir: string, pid: number, server: string, windows: Record<string, TimeWindow | undefined>): ProfiledFigure[] {
  const found = takeMainThreadProfile(dir, pid);
  if (!found) return [];
  const whole = path.join(dir, `${server}.cpuprofile`);
  renameSync(found, whole);
  const profile = JSON.parse(readFileSync(whole, 'utf8')) as CpuProfile;
  return Object.entries(windows).map(([figure, window]) => {
    const summary = summariseProfile(profile, window);
    const title = `${server}: ${figure}`;
    const subtitle = `main thread, ${summary.busyMs.toFixed(0)} ms busy of ${summary.sampledMs.toFixed(0)} ms sampled; garbage collection ${summary.gcMs.toFixed(0)} ms`;
    const html = path.join(dir, `${figure}.html`);
    const text = path.join(dir, `${figure}.txt`);
    writeFileSync(html, renderFlameGraph(title, subtitle, flameTree(profile, window, figure)));
    writeFileSync(text, formatSummary(title, summary));
    return {
      figure,
      busyShare: summary.sampledMs > 0 ? summary.busyMs / summary.sampledMs : 0,
      gcShareOfBusy: summary.busyMs > 0 ? summary.gcMs / summary.busyMs : 0,
      files: [whole, html, text],
    };
  });
}

export function printProfiles(kind: string, profiles: ProfiledFigure[]): void {
  console.log(`\nprofiles (${kind}), main thread of each server, per figure: flame graph (.html), top functions (.txt)`);
  for (const p of profiles) {
    console.log(`  ${p.figure.padEnd(9)} busy ${percent(p.busyShare).padStart(5)}, GC ${percent(p.gcShareOfBusy).padStart(4)} of busy  ${p.files.slice(1).join('  ')}`);
  }
}
