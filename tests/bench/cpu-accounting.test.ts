import { describe, expect, it } from 'vitest';
import { parseMachineTicks, parseProcessStat, parseThreadSchedstat, ticksBetween } from '../../bench/lib/cpu-accounting.js';
import { describeCpu } from '../../bench/lib/rows.js';

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
