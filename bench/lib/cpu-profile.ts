/**
 * Reading V8 CPU profiles (`node --cpu-prof`) for one figure at a time. A server's profile covers
 * its whole life (start-up, sign-ins, every figure); the bench notes when each figure started and
 * ended on the monotonic clock that V8 stamps its samples with (`process.hrtime`, in µs, the same
 * clock in every process of the machine), and these functions keep only the samples inside such a
 * window: a summary of where the event loop spent its time, and the tree a flame graph draws.
 * Pure functions of the profile.
 */

export interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber?: number;
}

export interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}

export interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** From/to in µs of the monotonic clock (`process.hrtime.bigint() / 1000n`). */
export interface TimeWindow {
  from: number;
  to: number;
}

export interface FlameNode {
  name: string;
  /** µs, this frame and everything it called. */
  value: number;
  children: FlameNode[];
}

export interface ProfileSummary {
  windowMs: number;
  /** Sampled time in the window, and how much of it the thread was idle, busy, collecting garbage. */
  sampledMs: number;
  idleMs: number;
  busyMs: number;
  gcMs: number;
  /** Busy time by function (self time) and by package, largest first; `share` is of busy time. */
  functions: Array<{ label: string; ms: number; share: number }>;
  packages: Array<{ label: string; ms: number; share: number }>;
}

const IDLE = '(idle)';
const GC = '(garbage collector)';

/** Time per sampled node inside the window (all of it without one). */
export function selfTimes(profile: CpuProfile, window?: TimeWindow): Map<number, number> {
  const times = new Map<number, number>();
  let at = profile.startTime;
  for (let i = 0; i < profile.samples.length; i += 1) {
    const delta = profile.timeDeltas[i] ?? 0;
    at += delta;
    if (window && (at < window.from || at > window.to)) continue;
    const id = profile.samples[i]!;
    times.set(id, (times.get(id) ?? 0) + delta);
  }
  return times;
}

/** `node_modules/@scope/name/...` → `@scope/name` (the innermost); `node:*` → `node`; our files by path; natives by name. */
export function packageOf(frame: CallFrame): string {
  const { url } = frame;
  if (!url) return `(native) ${frame.functionName}`;
  const installed = [...url.matchAll(/node_modules\/((?:@[^/]+\/)?[^/]+)/g)].at(-1);
  if (installed) return installed[1]!;
  if (url.startsWith('node:')) return 'node';
  return shortPath(url);
}

export function frameLabel(frame: CallFrame): string {
  const name = frame.functionName || '(anonymous)';
  if (!frame.url) return name;
  const place = frame.url.startsWith('node:') ? frame.url : shortPath(frame.url);
  return `${name} ${place}:${frame.lineNumber + 1}`;
}

/** The part of a file URL worth reading: from node_modules' package, or from dist/ or src/. */
function shortPath(url: string): string {
  const path = url.replace(/^file:\/\//, '');
  const installed = path.lastIndexOf('node_modules/');
  if (installed >= 0) return path.slice(installed + 'node_modules/'.length);
  const ours = /\/((?:dist|src|bench)\/.*)$/.exec(path);
  return ours ? ours[1]! : path;
}

function parents(profile: CpuProfile): Map<number, number> {
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  return parentOf;
}

export function summariseProfile(profile: CpuProfile, window: TimeWindow | undefined, top = 25): ProfileSummary {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const functions = new Map<string, number>();
  const packages = new Map<string, number>();
  let sampled = 0;
  let idle = 0;
  let gc = 0;
  for (const [id, time] of selfTimes(profile, window)) {
    const frame = byId.get(id)!.callFrame;
    sampled += time;
    if (frame.functionName === IDLE) {
      idle += time;
      continue;
    }
    if (frame.functionName === GC) gc += time;
    add(functions, frameLabel(frame), time);
    add(packages, packageOf(frame), time);
  }
  const busy = sampled - idle;
  const ranked = (totals: Map<string, number>) =>
    [...totals]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([label, time]) => ({ label, ms: time / 1000, share: busy > 0 ? time / busy : 0 }));
  const windowUs = window ? window.to - window.from : profile.endTime - profile.startTime;
  return { windowMs: windowUs / 1000, sampledMs: sampled / 1000, idleMs: idle / 1000, busyMs: busy / 1000, gcMs: gc / 1000, functions: ranked(functions), packages: ranked(packages) };
}

function add(totals: Map<string, number>, key: string, time: number): void {
  totals.set(key, (totals.get(key) ?? 0) + time);
}

/**
 * The call tree of the busy samples in the window, for a flame graph: each frame's value is its
 * own time plus its callees'; idle samples are left out, so the root is the busy time.
 */
export function flameTree(profile: CpuProfile, window: TimeWindow | undefined, rootName = 'busy'): FlameNode {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parentOf = parents(profile);
  const root: FlameNode = { name: rootName, value: 0, children: [] };
  const index = new Map<FlameNode, Map<string, FlameNode>>();
  for (const [id, time] of selfTimes(profile, window)) {
    if (byId.get(id)!.callFrame.functionName === IDLE) continue;
    let node = root;
    node.value += time;
    for (const frame of stackOf(id, byId, parentOf)) {
      node = childNamed(node, frameLabel(frame), index);
      node.value += time;
    }
  }
  return root;
}

/** Frames from the outermost caller to `id`, without V8's synthetic `(root)`. */
function stackOf(id: number, byId: Map<number, ProfileNode>, parentOf: Map<number, number>): CallFrame[] {
  const frames: CallFrame[] = [];
  for (let current: number | undefined = id; current !== undefined; current = parentOf.get(current)) {
    const frame = byId.get(current)!.callFrame;
    if (frame.functionName !== '(root)') frames.push(frame);
  }
  return frames.reverse();
}

function childNamed(parent: FlameNode, name: string, index: Map<FlameNode, Map<string, FlameNode>>): FlameNode {
  let children = index.get(parent);
  if (!children) index.set(parent, (children = new Map()));
  let child = children.get(name);
  if (!child) {
    child = { name, value: 0, children: [] };
    children.set(name, child);
    parent.children.push(child);
  }
  return child;
}

export function formatSummary(title: string, summary: ProfileSummary): string {
  const ms = (value: number) => `${value.toFixed(0)} ms`;
  const percent = (share: number) => `${(share * 100).toFixed(1).padStart(5)} %`;
  const busyShare = summary.sampledMs > 0 ? summary.busyMs / summary.sampledMs : 0;
  const lines = [
    title,
    `window ${ms(summary.windowMs)}, sampled ${ms(summary.sampledMs)}: busy ${ms(summary.busyMs)} (${percent(busyShare).trim()} of the thread), idle ${ms(summary.idleMs)}, garbage collection ${ms(summary.gcMs)}`,
    '',
    'busy time by function (self time):',
    ...summary.functions.map((row) => `${percent(row.share)}  ${row.label}`),
    '',
    'busy time by package:',
    ...summary.packages.map((row) => `${percent(row.share)}  ${row.label}`),
  ];
  return `${lines.join('\n')}\n`;
}
