import { describe, expect, it } from 'vitest';
import { flameTree, formatSummary, frameLabel, packageOf, selfTimes, summariseProfile, type CpuProfile, type FlameNode } from '../../bench/lib/cpu-profile.js';

const frame = (functionName: string, url = '', lineNumber = -1) => ({ functionName, url, lineNumber });

/**
 * (root) ─┬─ (idle)                                  id 2
 *         ├─ (garbage collector)                     id 3
 *         └─ handler  dist/modules/a.js:10           id 4
 *              ├─ parse  node_modules/graphql/x.js   id 5
 *              └─ write  node:net                    id 6
 * Samples every 100 µs from t = 1,000 µs: 4 handler, 5 parse, 5 parse, 6 write, 3 gc, 2 idle, 2 idle, 5 parse.
 */
const profile: CpuProfile = {
  startTime: 1_000,
  endTime: 1_800,
  nodes: [
    { id: 1, callFrame: frame('(root)'), children: [2, 3, 4] },
    { id: 2, callFrame: frame('(idle)') },
    { id: 3, callFrame: frame('(garbage collector)') },
    { id: 4, callFrame: frame('handler', 'file:///srv/latchkey/dist/modules/a.js', 9), children: [5, 6] },
    { id: 5, callFrame: frame('parse', 'file:///srv/latchkey/node_modules/graphql/x.js', 41) },
    { id: 6, callFrame: frame('write', 'node:net', 99) },
  ],
  samples: [4, 5, 5, 6, 3, 2, 2, 5],
  timeDeltas: [100, 100, 100, 100, 100, 100, 100, 100],
};

const byName = (node: FlameNode, name: string) => node.children.find((child) => child.name.startsWith(name))!;

describe('selfTimes', () => {
  it('adds up the time of each sampled node, only inside the window when given one', () => {
    expect(selfTimes(profile)).toEqual(new Map([[4, 100], [5, 300], [6, 100], [3, 100], [2, 200]]));
    // Samples land at 1,100 … 1,800; the window 1,150–1,450 holds the 2nd to 4th.
    expect(selfTimes(profile, { from: 1_150, to: 1_450 })).toEqual(new Map([[5, 200], [6, 100]]));
  });
});

describe('summariseProfile', () => {
  it('splits sampled time into idle, busy and GC, and ranks functions and packages by busy share', () => {
    const summary = summariseProfile(profile, undefined);
    expect(summary).toMatchObject({ windowMs: 0.8, sampledMs: 0.8, idleMs: 0.2, busyMs: 0.6, gcMs: 0.1 });
    expect(summary.functions[0]).toEqual({ label: 'parse graphql/x.js:42', ms: 0.3, share: 0.5 });
    expect(summary.functions.map((row) => row.label)).toEqual(['parse graphql/x.js:42', 'handler dist/modules/a.js:10', 'write node:net:100', '(garbage collector)']);
    expect(summary.packages.map((row) => [row.label, row.share])).toEqual([
      ['graphql', 0.5],
      ['dist/modules/a.js', 1 / 6],
      ['node', 1 / 6],
      ['(native) (garbage collector)', 1 / 6],
    ]);
  });

  it('keeps only the top entries, and formats them as text', () => {
    const summary = summariseProfile(profile, undefined, 1);
    expect(summary.functions).toHaveLength(1);
    const text = formatSummary('server: me', summary);
    expect(text).toContain('busy 1 ms (75.0 % of the thread)');
    expect(text).toContain(' 50.0 %  parse graphql/x.js:42');
  });
});

describe('flameTree', () => {
  it('builds the call tree of the busy samples with inclusive values, without idle time', () => {
    const tree = flameTree(profile, undefined, 'me');
    expect(tree.name).toBe('me');
    expect(tree.value).toBe(600);
    expect(tree.children.map((child) => child.name)).toEqual(['handler dist/modules/a.js:10', '(garbage collector)']);
    const handler = byName(tree, 'handler');
    expect(handler.value).toBe(500);
    expect(byName(handler, 'parse').value).toBe(300);
    expect(byName(handler, 'write').value).toBe(100);
  });

  it('leaves out the samples outside the window', () => {
    const tree = flameTree(profile, { from: 1_150, to: 1_450 });
    expect(tree.value).toBe(300);
    expect(byName(byName(tree, 'handler'), 'parse').value).toBe(200);
  });
});

describe('labels', () => {
  it('names packages by their innermost node_modules folder, scoped ones included', () => {
    expect(packageOf(frame('f', 'file:///a/node_modules/@apollo/server/dist/esm/x.js'))).toBe('@apollo/server');
    expect(packageOf(frame('f', 'file:///a/node_modules/.pnpm/x/node_modules/pino/lib/proto.js'))).toBe('pino');
    expect(packageOf(frame('f', 'node:internal/net'))).toBe('node');
    expect(packageOf(frame('writev'))).toBe('(native) writev');
    expect(frameLabel(frame('', 'file:///a/node_modules/postgres/src/connection.js', 252))).toBe('(anonymous) postgres/src/connection.js:253');
  });
});
