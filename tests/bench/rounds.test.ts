import { describe, expect, it } from 'vitest';
import { describeRounds, measureRounds, medianRound } from '../../bench/lib/rounds.js';

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

describe('measureRounds', () => {
  it('measures the rounds one after another and keeps each round\'s rates with the median round', async () => {
    const measured = [[30, 100], [90, 100], [50, 100]];
    let running = 0;
    const order: number[] = [];
    const rounds = await measureRounds(
      3,
      async () => {
        expect(running).toBe(0);
        running += 1;
        await new Promise((resolve) => setTimeout(resolve, 1));
        running -= 1;
        const [figure, limit] = measured[order.length]!;
        order.push(order.length);
        return { figure: figure!, limit: limit! };
      },
      (run) => ({ measured: run.figure, limit: run.limit }),
    );
    expect(order).toEqual([0, 1, 2]);
    expect(rounds.median).toEqual({ figure: 50, limit: 100 });
    expect(rounds.ratios).toEqual([0.3, 0.9, 0.5]);
    expect(rounds.rates).toEqual([{ measured: 30, limit: 100 }, { measured: 90, limit: 100 }, { measured: 50, limit: 100 }]);
  });
});

describe('describeRounds', () => {
  it('gives the spread of several rounds and nothing for one', () => {
    expect(describeRounds([0.62, 0.55, 0.6])).toBe('median of 3 rounds: 0.55–0.62');
    expect(describeRounds([0.6])).toBe('');
  });
});
