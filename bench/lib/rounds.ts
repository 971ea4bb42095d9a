/**
 * `--rounds <n>`: the ratio figures (me, login, refresh) measured n times, each round a complete
 * figure with its own limit, and reported by the round whose ratio is the median. On a shared
 * two-CPU machine one round's ratio can swing by a third between identical runs; the median of
 * a few alternating rounds is steadier, and the spread is printed next to it. Pure, apart from
 * the measuring that measureRounds is handed.
 */

export interface Rounds<T> {
  /** The round whose ratio is the median (the lower of the two middle ones for an even count). */
  median: T;
  /** Every round's ratio, in the order they ran. */
  ratios: number[];
}

export function medianRound<T>(runs: readonly T[], ratioOf: (run: T) => number): Rounds<T> {
  if (runs.length === 0) throw new Error('medianRound: no rounds');
  const ratios = runs.map(ratioOf);
  const order = ratios.map((_, i) => i).sort((a, b) => ratios[a]! - ratios[b]!);
  return { median: runs[order[Math.floor((runs.length - 1) / 2)]!]!, ratios };
}

/** Per second: a round's rate and its limit's, kept per round so a trend shows which side moved. */
export interface RoundRates {
  measured: number;
  limit: number;
}

/** `count` rounds of `measure`, one after another; the median by measured / limit, and every round's rates. */
export async function measureRounds<T>(
  count: number,
  measure: () => Promise<T>,
  ratesOf: (run: T) => RoundRates,
): Promise<Rounds<T> & { rates: RoundRates[] }> {
  const runs: T[] = [];
  for (let round = 0; round < count; round += 1) runs.push(await measure());
  const rates = runs.map(ratesOf);
  return { ...medianRound(runs, (run) => ratesOf(run).measured / ratesOf(run).limit), rates };
}

/** `median of 3 rounds: 0.55–0.62`, or nothing for a single round. */
export function describeRounds(ratios: readonly number[]): string {
  if (ratios.length < 2) return '';
  const low = Math.min(...ratios).toFixed(2);
  const high = Math.max(...ratios).toFixed(2);
  return `median of ${ratios.length} rounds: ${low}–${high}`;
}
