/** Machine facts, the results table with the targets, and bench/results/latest.json. */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from './process.js';

const PACKAGES = ['fastify', '@apollo/server', '@as-integrations/fastify', 'graphql', 'graphql-shield', 'drizzle-orm', 'postgres', '@electric-sql/pglite', '@node-rs/argon2', 'jose', 'pino', 'autocannon'];

export function machineInfo() {
  const versions = Object.fromEntries(
    PACKAGES.map((name) => {
      try {
        return [name, (JSON.parse(readFileSync(path.join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version];
      } catch {
        return [name, 'missing'];
      }
    }),
  );
  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
  } catch {
    // not a git checkout
  }
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    loadAverage: os.loadavg().map((v) => Math.round(v * 100) / 100),
    platform: `${os.platform()} ${os.release()}`,
    node: process.version,
    commit,
    versions,
  };
}

export interface Row {
  figure: string;
  value: string;
  limit: string;
  ratio: number | null;
  target: string;
  pass: boolean | null;
}

const mark = (pass: boolean | null) => (pass === null ? '-' : pass ? 'PASS' : 'FAIL');

export function printTable(title: string, rows: Row[]): void {
  const cells = rows.map((r) => [r.figure, r.value, r.limit, r.ratio === null ? '-' : r.ratio.toFixed(2), r.target, mark(r.pass)]);
  const header = ['figure', 'measured', 'limit', 'ratio', 'target', ''];
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => c.map((v, i) => v.padEnd(widths[i]!)).join('  ');
  console.log(`\n${title}`);
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const c of cells) console.log(line(c));
}

export function writeResults(results: unknown): string {
  const file = path.join(ROOT, 'bench', 'results', 'latest.json');
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  return file;
}

export const mb = (bytes: number | null) => (bytes === null ? 'n/a' : `${Math.round(bytes / 2 ** 20)} MB`);
export const ms = (value: number) => `${value.toFixed(value < 10 ? 2 : 1)} ms`;
export const rate = (value: number, unit: string) => `${Math.round(value).toLocaleString('en-US')} ${unit}/s`;
/** A share (0–1) as a whole percentage: `42 %`. */
export const percent = (share: number) => `${Math.round(share * 100)} %`;
