/**
 * Deterministic fake users for `npm run seed`: realistic spread of sign-up dates (growing over
 * three years), last sign-ins (15 % never), names, verification and a few suspensions. Pure given
 * the random source; every row shares one precomputed password hash.
 */
import type { SeedUserRow } from '../modules/users/users.repository.js';

const FIRST = ['Ada', 'Alan', 'Grace', 'Linus', 'Margaret', 'Dennis', 'Barbara', 'Ken', 'Frances', 'Edsger', 'Radia', 'Donald', 'Katherine', 'Tim', 'Hedy', 'John', 'Sophie', 'Guido', 'Anita', 'Bjarne', 'Mary', 'James', 'Lucía', 'Yukihiro', 'Zoë', 'Søren', 'Amélie', 'Chidi', 'Priya', 'Wei'];
const LAST = ['Lovelace', 'Turing', 'Hopper', 'Torvalds', 'Hamilton', 'Ritchie', 'Liskov', 'Thompson', 'Allen', 'Dijkstra', 'Perlman', 'Knuth', 'Johnson', 'Berners-Lee', 'Lamarr', 'McCarthy', 'Wilson', 'van Rossum', 'Borg', 'Stroustrup', 'Keller', 'Gosling', 'García', 'Matsumoto', 'Müller', 'Kierkegaard', 'Dubois', 'Okafor', 'Patel', 'Zhang'];

const DAY_MS = 86_400_000;
const SPAN_MS = 3 * 365 * DAY_MS;

/** mulberry32: small, fast, seeded; plenty for fake data. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export interface SeedBatch {
  /** Index of the first row; makes every email unique within one run. */
  start: number;
  count: number;
  /** Distinguishes runs, so seeding twice adds users instead of colliding. */
  runTag: string;
  passwordHash: string;
  now: Date;
  random: () => number;
}

export function seedUserRows(batch: SeedBatch): SeedUserRow[] {
  const { random, now } = batch;
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  return Array.from({ length: batch.count }, (_, offset) => {
    const first = pick(FIRST);
    const last = pick(LAST);
    // sqrt skews sign-ups towards the recent past, as a growing service's are.
    const createdAt = new Date(now.getTime() - SPAN_MS * (1 - Math.sqrt(random())));
    const sinceCreated = now.getTime() - createdAt.getTime();
    const lastLoginAt = random() < 0.15 ? null : new Date(now.getTime() - sinceCreated * random() ** 3);
    const local = `${first}.${last}`.normalize('NFD').replace(/[^A-Za-z.-]/g, '').toLowerCase();
    return {
      email: `${local}.${batch.runTag}${batch.start + offset}@seed.example.com`,
      passwordHash: batch.passwordHash,
      emailVerified: random() < 0.8,
      displayName: random() < 0.9 ? `${first} ${last}` : null,
      role: 'USER' as const,
      status: random() < 0.005 ? ('SUSPENDED' as const) : ('ACTIVE' as const),
      createdAt,
      updatedAt: createdAt,
      lastLoginAt,
    };
  });
}
