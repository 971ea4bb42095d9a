/**
 * Calls coalesced across concurrent callers: the hot reads of every authenticated request and
 * every refresh, and the claims of concurrent refreshes.
 *
 * What it guarantees: each caller's work reaches the database after that caller asked. Calls wait
 * for the next turn of the event loop (`setImmediate`) and then go out as one statement for every
 * caller that asked meanwhile, so a change committed before a caller asked is always seen, exactly
 * as with one statement per caller; nothing is cached between batches, and a failed batch fails
 * only its own callers. Under load this turns N statements, N socket writes and N result sets into
 * one of each.
 */
import DataLoader from 'dataloader';

/** Largest batch sent as one statement; more concurrent callers make several batches. */
export const COALESCED_LOOKUP_BATCH_SIZE = 128;

/** `runBatch` gets every caller's input, duplicates included, and returns one result per input, in order. */
export function createCoalescedBatch<K, R>(runBatch: (inputs: readonly K[]) => Promise<R[]>) {
  const loader = new DataLoader<K, R>(runBatch, {
    cache: false,
    batchScheduleFn: (send) => setImmediate(send),
    maxBatchSize: COALESCED_LOOKUP_BATCH_SIZE,
  });
  return (input: K): Promise<R> => loader.load(input);
}

/**
 * `findMany` reads the rows of the given distinct keys in any order (absent keys simply missing);
 * `keyOf` says which key a row answers.
 */
export function createCoalescedLookup<K, R>(findMany: (keys: readonly K[]) => Promise<R[]>, keyOf: (row: R) => K) {
  return createCoalescedBatch<K, R | null>(async (keys) => {
    const rows = await findMany([...new Set(keys)]);
    const byKey = new Map(rows.map((row) => [keyOf(row), row]));
    return keys.map((key) => byKey.get(key) ?? null);
  });
}
