/** Turns one backend's measurements into table rows, each with its limit, ratio and target. */
import type { BackendResult } from '../run.js';
import { mb, ms, rate, type Row } from './report.js';

const errorNote = (errors: number, non2xx = 0) => (errors + non2xx > 0 ? ` (${errors + non2xx} errors!)` : '');

/** Server CPU time per operation against the limit's: contention on a shared machine hardly moves it. */
function cpuRow(figure: string, value: number | null, limitName: string, limit: number | null): Row {
  const us = (v: number | null) => (v === null ? 'n/a' : `${Math.round(v).toLocaleString('en-US')} µs`);
  return {
    figure,
    value: us(value),
    limit: `${limitName} ${us(limit)}`,
    ratio: value && limit ? limit / value : null,
    target: '(info)',
    pass: null,
  };
}

export function buildRows(r: BackendResult): Row[] {
  const meRatio = r.me.me.perSecond / r.me.baseline.perSecond;
  const loginRatio = r.login.perSecond / r.hash.perSecond;
  const refreshRatio = r.refresh.perSecond / r.rawRefresh.perSecond;
  const rows: Row[] = [
    {
      figure: 'me (32 conn)',
      value: `${rate(r.me.me.perSecond, 'req')} p50 ${ms(r.me.me.p50)} p99 ${ms(r.me.me.p99)}${errorNote(r.me.me.errors, r.me.me.non2xx)}`,
      limit: `baseline ${rate(r.me.baseline.perSecond, 'req')} p99 ${ms(r.me.baseline.p99)}`,
      ratio: meRatio,
      target: '>= 0.60, p99 < 25 ms',
      pass: meRatio >= 0.6 && r.me.me.p99 < 25,
    },
    cpuRow('me CPU per request', r.me.me.cpuMicrosPerRequest, 'baseline', r.me.baseline.cpuMicrosPerRequest),
    {
      figure: 'login (16 conn)',
      value: `${rate(r.login.perSecond, 'login')} p99 ${ms(r.login.p99)}${errorNote(r.login.errors, r.login.non2xx)}`,
      limit: `argon2id verify ${rate(r.hash.perSecond, 'hash')}`,
      ratio: loginRatio,
      target: '>= 0.90',
      pass: loginRatio >= 0.9,
    },
    cpuRow('login CPU per login', r.login.cpuMicrosPerRequest, 'argon2id', r.hash.cpuMicrosPerVerify),
    {
      figure: 'me p99 during logins',
      value: `p99 ${ms(r.meUnderLoginLoad.p99)} (p50 ${ms(r.meUnderLoginLoad.p50)}, ${rate(r.loginWithMeProbe.perSecond, 'login')})`,
      limit: '-',
      ratio: null,
      target: '< 50 ms',
      pass: r.meUnderLoginLoad.p99 < 50,
    },
    {
      figure: 'refresh (16 conn)',
      value: `${rate(r.refresh.perSecond, 'rotation')} p99 ${ms(r.refresh.p99)}${errorNote(r.refresh.errors, r.refresh.non2xx)}`,
      limit: `raw SQL ${rate(r.rawRefresh.perSecond, 'rotation')}`,
      ratio: refreshRatio,
      target: '>= 0.70',
      pass: refreshRatio >= 0.7,
    },
  ];
  if (r.usersPage.skipped) {
    rows.push({ figure: 'users page', value: `skipped (${r.usersPage.reason})`, limit: '-', ratio: null, target: '<= 1.5', pass: null });
  } else {
    const { first, deep, deepRow } = r.usersPage;
    const ratio = deep.p50 / first.p50;
    rows.push({
      figure: `users page (row ${deepRow.toLocaleString('en-US')})`,
      value: `deep p50 ${ms(deep.p50)} p99 ${ms(deep.p99)}${errorNote(deep.errors, deep.non2xx)}`,
      limit: `page 1 p50 ${ms(first.p50)} p99 ${ms(first.p99)}`,
      ratio,
      target: '<= 1.5',
      pass: ratio <= 1.5,
    });
  }
  const m = r.memory;
  rows.push(
    { figure: 'peak RSS', value: mb(m.peakRss), limit: '-', ratio: null, target: '< 200 MB', pass: m.peakRss === null ? null : m.peakRss < 200 * 2 ** 20 },
    { figure: `RSS, ${m.sessions.toLocaleString('en-US')} more sessions`, value: `${mb(m.rssAfterSessions)} after load`, limit: `${mb(m.idleRss)} at start`, ratio: null, target: '-', pass: null },
  );
  return rows;
}
