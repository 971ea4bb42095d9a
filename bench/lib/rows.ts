/** Turns one backend's measurements into table rows, each with its limit, ratio and target. */
import type { BackendResult } from '../run.js';
import { loginCeiling } from './cpu-accounting.js';
import type { LoadResult } from './load.js';
import { mb, ms, percent, rate, type Row } from './report.js';
import { describeRounds } from './rounds.js';

type Results = BackendResult;

const errorNote = (errors: number, non2xx = 0) => (errors + non2xx > 0 ? ` (${errors + non2xx} errors!)` : '');
/** With --rounds: the row's numbers are the median round's; this adds the spread of all rounds' ratios. */
const roundsNote = (ratios: readonly number[]) => (ratios.length > 1 ? `; ${describeRounds(ratios)}` : '');
const micros = (v: number | null) => (v === null ? 'n/a' : Math.round(v).toLocaleString('en-US'));
const us = (v: number | null) => (v === null ? 'n/a' : `${micros(v)} µs`);

/** Server CPU time per operation against the limit's: contention on a shared machine hardly moves it. */
function cpuRow(figure: string, value: number | null, limitName: string, limit: number | null): Row {
  return { figure, value: us(value), limit: `${limitName} ${us(limit)}`, ratio: value && limit ? limit / value : null, target: '(info)', pass: null };
}

/**
 * Where a load's CPU went (cpu-accounting.ts): how busy the whole machine was, how much of it the
 * hypervisor gave to other guests (steal, shown when there was any), and CPU per operation of the
 * machine, the server (with its event loop's part, when measured), PostgreSQL and the load
 * generator. A machine well short of 100 % busy plus stolen means the figure waits (on wake-ups,
 * on the database) rather than computes.
 */
export function describeCpu(load: Pick<LoadResult, 'cpu' | 'cpuMicrosPerRequest'> & Partial<Pick<LoadResult, 'eventLoopMicrosPerRequest'>>, client = 'load generator'): string {
  const { cpu } = load;
  const stolen = cpu.machineStealShare ? `, ${percent(cpu.machineStealShare)} stolen` : '';
  const busy = cpu.machineBusyShare === null ? 'machine n/a' : `machine ${percent(cpu.machineBusyShare)} busy${stolen}`;
  const parts = [
    `all ${micros(cpu.machineMicrosPerRequest)}`,
    load.cpuMicrosPerRequest === null ? null : `server ${micros(load.cpuMicrosPerRequest)}${eventLoopNote(load.eventLoopMicrosPerRequest)}`,
    cpu.postgresMicrosPerRequest === null ? null : `PostgreSQL ${micros(cpu.postgresMicrosPerRequest)}`,
    `${client} ${micros(cpu.loadGeneratorMicrosPerRequest)}`,
  ].filter(Boolean);
  // The row's label carries the unit (`CPU µs per …`).
  return `${busy}; ${parts.join(', ')}`;
}

/** The server's main thread, which runs every request's JavaScript: its part of the server's CPU. */
const eventLoopNote = (value: number | null | undefined) => (value == null ? '' : ` (event loop ${micros(value)})`);

const cpuSplitRow = (figure: string, value: string, limit: string): Row => ({ figure, value, limit, ratio: null, target: '(info)', pass: null });

function meRows(me: NonNullable<Results['me']>): Row[] {
  const ratio = me.me.perSecond / me.baseline.perSecond;
  return [
    {
      figure: 'me (32 conn)',
      value: `${rate(me.me.perSecond, 'req')} p50 ${ms(me.me.p50)} p99 ${ms(me.me.p99)}${errorNote(me.me.errors, me.me.non2xx)}${roundsNote(me.ratios)}`,
      limit: `baseline ${rate(me.baseline.perSecond, 'req')} p99 ${ms(me.baseline.p99)}`,
      ratio,
      target: '>= 0.60, p99 < 25 ms',
      pass: ratio >= 0.6 && me.me.p99 < 25 && me.me.errors + me.me.non2xx === 0,
    },
    cpuRow('me CPU per request', me.me.cpuMicrosPerRequest, 'baseline', me.baseline.cpuMicrosPerRequest),
    cpuSplitRow('me, CPU µs per request', describeCpu(me.me), `baseline: ${describeCpu(me.baseline)}`),
  ];
}

function loginRows(l: NonNullable<Results['login']>): Row[] {
  const ratio = l.login.perSecond / l.hash.perSecond;
  const probe = l.meUnderLoginLoad;
  return [
    {
      figure: 'login (16 conn)',
      value: `${rate(l.login.perSecond, 'login')} p99 ${ms(l.login.p99)}${errorNote(l.login.errors, l.login.non2xx)}${roundsNote(l.ratios)}`,
      limit: `argon2id verify ${rate(l.hash.perSecond, 'hash')}`,
      ratio,
      target: '>= 0.90',
      pass: ratio >= 0.9 && l.login.errors + l.login.non2xx === 0,
    },
    cpuRow('login CPU per login', l.login.cpuMicrosPerRequest, 'argon2id', l.hash.cpuMicrosPerVerify),
    cpuSplitRow('login, CPU µs per login', describeCpu(l.login), '-'),
    loginCeilingRow(l.hash.cpuMicrosPerVerify, l.login.cpu),
    {
      figure: 'me p99 during logins',
      value: probe.requests === 0 ? 'no me response at all' : `p99 ${ms(probe.p99)} (p50 ${ms(probe.p50)}, ${rate(l.loginWithMeProbe.perSecond, 'login')})`,
      limit: '-',
      ratio: null,
      target: '< 50 ms',
      pass: probe.requests > 0 && probe.p99 < 50,
    },
  ];
}

/** What login/hash could reach here for a server that added nothing to the verify (cpu-accounting.ts loginCeiling). */
export function loginCeilingRow(verifyMicros: number | null, cpu: LoadResult['cpu']): Row {
  const ceiling = loginCeiling(verifyMicros, cpu);
  const database = cpu.postgresMicrosPerRequest === null ? '' : ` + PostgreSQL ${micros(cpu.postgresMicrosPerRequest)}`;
  const value = ceiling === null ? 'n/a' : `verify ${micros(verifyMicros)} against verify${database} + load generator ${micros(cpu.loadGeneratorMicrosPerRequest)} µs per login`;
  return { figure: 'login/hash ceiling here', value, limit: 'a server that adds nothing to the verify', ratio: ceiling, target: '(info)', pass: null };
}

function refreshRows(r: NonNullable<Results['refresh']>, raw: NonNullable<Results['rawRefresh']>): Row[] {
  const ratio = r.refresh.perSecond / raw.perSecond;
  // No limit for the server's own CPU per rotation (the raw loop has no server); it is the steadier
  // number for before/after comparisons, and the row below splits the whole machine's.
  const cpu = { figure: 'refresh CPU per rotation', value: us(r.refresh.cpuMicrosPerRequest), limit: '-', ratio: null, target: '(info)', pass: null };
  return [{
    figure: 'refresh (16 conn)',
    value: `${rate(r.refresh.perSecond, 'rotation')} p99 ${ms(r.refresh.p99)}${errorNote(r.refresh.errors, r.refresh.non2xx)}${roundsNote(r.ratios)}`,
    limit: `raw SQL ${rate(raw.perSecond, 'rotation')}`,
    ratio,
    target: '>= 0.70',
    pass: ratio >= 0.7 && r.refresh.errors + r.refresh.non2xx === 0,
  }, cpu, cpuSplitRow('refresh, CPU µs per rotation', describeCpu(r.refresh), `raw: ${describeCpu({ cpu: raw.cpu, cpuMicrosPerRequest: null }, 'client')}`)];
}

function usersRow(page: NonNullable<Results['usersPage']>): Row {
  if (page.skipped) return { figure: 'users page', value: `skipped (${page.reason})`, limit: '-', ratio: null, target: '<= 1.5', pass: null };
  const ratio = page.deep.mean / page.first.mean;
  return {
    figure: `users page (row ${page.deepRow.toLocaleString('en-US')})`,
    value: `deep mean ${ms(page.deep.mean)} p99 ${ms(page.deep.p99)}${errorNote(page.deep.errors, page.deep.non2xx)}`,
    limit: `page 1 mean ${ms(page.first.mean)} p99 ${ms(page.first.p99)}`,
    ratio,
    target: '<= 1.5',
    pass: ratio <= 1.5 && page.deep.errors + page.deep.non2xx === 0,
  };
}

export function buildRows(r: Results): Row[] {
  const rows: Row[] = [];
  if (r.me) rows.push(...meRows(r.me));
  if (r.login) rows.push(...loginRows(r.login));
  if (r.refresh && r.rawRefresh) rows.push(...refreshRows(r.refresh, r.rawRefresh));
  if (r.usersPage) rows.push(usersRow(r.usersPage));
  const peak = r.peakRss?.underLoad ?? null;
  const byFigure = Object.entries(r.peakRss?.byFigure ?? {}).map(([name, bytes]) => `${name} ${mb(bytes ?? null)}`);
  const sinceStart = `${byFigure.join(', ')}; VmHWM ${mb(r.peakRss?.sinceStart ?? null)}`;
  rows.push({ figure: 'peak RSS under load', value: mb(peak), limit: sinceStart, ratio: null, target: '< 200 MB', pass: peak === null ? null : peak < 200 * 2 ** 20 });
  if (r.memory) {
    const m = r.memory;
    rows.push({ figure: `RSS, restarted with ${m.sessions.toLocaleString('en-US')} sessions`, value: `${mb(m.rssAfterLoad)} after load`, limit: `${mb(m.idleRss)} at start`, ratio: null, target: '(info)', pass: null });
  }
  return rows;
}
