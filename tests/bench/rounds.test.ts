import { describe, expect, it } from 'vitest';
import { describeRounds, medianRound } from '../../bench/lib/rounds.js';

describe('medianRound', () => {
  const run = (figure: number, limit: number) => ({ figure, limit });
  const ratio = (r: { figure: number; limit: number }) => r.figure / r.limit;

  it('reports the whole round whose ratio is the median, and every ratio in the order run', () => {
    const runs = [run(60, 100), run(45, 100), run(80, 100)];
    expect(medianRound(runs, ratio)).toEqual({ median: runs[0], ratios: [0.6, 0.45, 0.8] });
  });

  it('takes the lower middle round of an even count, and the only round of one', () => {
    const runs = [run(7, 10), run(5, 10), run(9, 10), run(6, 10)];
    expect(medianRound(runs, ratio).median).toBe(runs[3]);
    expect(medianRound([runs[2]!], ratio)).toEqual({ median: runs[2], ratios: [0.9] });
    expect(() => medianRound([], ratio)).toThrow('no rounds');
  });
});

describe('describeRounds', () => {
  it('gives the spread of several rounds and nothing for one', () => {
    expect(describeRounds([0.62, 0.55, 0.6])).toBe('median of 3 rounds: 0.55–0.62');
    expect(describeRounds([0.6])).toBe('');
  });
});
