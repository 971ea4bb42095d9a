import { describe, expect, it } from 'vitest';
import { loginCeiling, parseMachineTicks, parseProcessStat, parseThreadSchedstat, ticksBetween } from '../../bench/lib/cpu-accounting.js';
import { describeCpu, loginCeilingRow } from '../../bench/lib/rows.js';

describe('parseMachineTicks', () => {
  it('counts idle and iowait as idle, steal apart, and the rest as busy', () => {
    const stat = 'cpu  100 5 50 800 20 3 2 10 0 0\ncpu0 50 2 25 400 10 1 1 5 0 0\nintr 12345\n';
    // user 100 + nice 5 + system 50 + irq 3 + softirq 2 = 160 busy, steal 10, of 990.
    expect(parseMachineTicks(stat)).toEqual({ busy: 160, steal: 10, total: 990 });
  });

  it('is null without an aggregate cpu line', () => {
    expect(parseMachineTicks('cpu0 1 2 3 4\n')).toBeNull();
  });
});

describe('parseProcessStat', () => {
  it('reads the command and utime + stime, also when the command holds spaces and parentheses', () => {
    const fields = ['S', '1', '2', '3', '0', '-1', '4194560', '10', '0', '0', '0', '700', '45', '0', '0'];
    expect(parseProcessStat(`4242 (postgres) ${fields.join(' ')}`)).toEqual({ command: 'postgres', ticks: 745 });
    expect(parseProcessStat(`4243 (a) b (c)) ${fields.join(' ')}`)).toEqual({ command: 'a) b (c)', ticks: 745 });
    expect(parseProcessStat('garbage')).toBeNull();
  });
});

describe('parseThreadSchedstat', () => {
  it('reads the nanoseconds the thread ran as seconds, and nothing else', () => {
    expect(parseThreadSchedstat('2500000000 123456789 4242\n')).toBe(2.5);
    expect(parseThreadSchedstat('')).toBeNull();
    expect(parseThreadSchedstat('garbage')).toBeNull();
  });
});

describe('ticksBetween', () => {
  it('sums what each process spent, leaving out processes that started or ended in between', () => {
    const before = new Map([[1, 100], [2, 50], [3, 7]]);
    const after = new Map([[1, 130], [2, 55], [4, 999]]);
    expect(ticksBetween(before, after)).toBe(35);
  });
});

describe('describeCpu', () => {
  it('says how busy the machine was and what each process spent per operation', () => {
    const cpu = { machineBusyShare: 0.754, machineStealShare: 0, machineMicrosPerRequest: 900.4, postgresMicrosPerRequest: 250, loadGeneratorMicrosPerRequest: 90 };
    expect(describeCpu({ cpu, cpuMicrosPerRequest: 489 })).toBe('machine 75 % busy; all 900, server 489, PostgreSQL 250, load generator 90');
    const starved = { ...cpu, machineStealShare: 0.126 };
    expect(describeCpu({ cpu: starved, cpuMicrosPerRequest: 489 })).toBe('machine 75 % busy, 13 % stolen; all 900, server 489, PostgreSQL 250, load generator 90');
    const embedded = { ...cpu, machineBusyShare: null, machineStealShare: null, machineMicrosPerRequest: null, postgresMicrosPerRequest: null };
    expect(describeCpu({ cpu: embedded, cpuMicrosPerRequest: null }, 'client')).toBe('machine n/a; all n/a, client 90');
  });

  it("puts the server's event loop next to its whole CPU when it was measured", () => {
    const cpu = { machineBusyShare: 0.754, machineStealShare: 0, machineMicrosPerRequest: 900.4, postgresMicrosPerRequest: 250, loadGeneratorMicrosPerRequest: 90 };
    expect(describeCpu({ cpu, cpuMicrosPerRequest: 489, eventLoopMicrosPerRequest: 401.6 })).toBe(
      'machine 75 % busy; all 900, server 489 (event loop 402), PostgreSQL 250, load generator 90',
    );
    expect(describeCpu({ cpu, cpuMicrosPerRequest: 489, eventLoopMicrosPerRequest: null })).toBe('machine 75 % busy; all 900, server 489, PostgreSQL 250, load generator 90');
  });
});

describe('loginCeiling', () => {
  it('is the verify against the verify plus what PostgreSQL and the load generator spent per login', () => {
    expect(loginCeiling(13_000, { postgresMicrosPerRequest: 1_200, loadGeneratorMicrosPerRequest: 800 })).toBeCloseTo(13_000 / 15_000, 10);
  });

  it('leaves the database out on PGlite, where it runs inside the server', () => {
    expect(loginCeiling(13_000, { postgresMicrosPerRequest: null, loadGeneratorMicrosPerRequest: 1_000 })).toBeCloseTo(13 / 14, 10);
  });

  it('is null without a verify or a load generator reading', () => {
    expect(loginCeiling(null, { postgresMicrosPerRequest: 1_200, loadGeneratorMicrosPerRequest: 800 })).toBeNull();
    expect(loginCeiling(0, { postgresMicrosPerRequest: 1_200, loadGeneratorMicrosPerRequest: 800 })).toBeNull();
    expect(loginCeiling(13_000, { postgresMicrosPerRequest: 1_200, loadGeneratorMicrosPerRequest: 0 })).toBeNull();
  });
});

describe('loginCeilingRow', () => {
  const cpu = { machineBusyShare: 0.95, machineStealShare: 0, machineMicrosPerRequest: 19_000, postgresMicrosPerRequest: 1_486.4, loadGeneratorMicrosPerRequest: 812 };

  it('shows the ceiling as its ratio and the readings it comes from', () => {
    const row = loginCeilingRow(13_060, cpu);
    expect(row.ratio).toBeCloseTo(13_060 / (13_060 + 1_486.4 + 812), 10);
    expect(row.value).toBe('verify 13,060 against verify + PostgreSQL 1,486 + load generator 812 µs per login');
    expect(row).toMatchObject({ target: '(info)', pass: null });
  });

  it('names no database on PGlite, and says n/a without a probe reading', () => {
    expect(loginCeilingRow(13_060, { ...cpu, postgresMicrosPerRequest: null }).value).toBe('verify 13,060 against verify + load generator 812 µs per login');
    expect(loginCeilingRow(null, cpu)).toMatchObject({ value: 'n/a', ratio: null });
  });
});
