/**
 * The `refresh` figure's limit: the statements `sessions.service.ts` rotate() issues for one
 * rotation (token lookup; then one statement that claims the token, inserts the successor, renews
 * the session when due or else reads it, and reads the user), run in a loop straight on the driver
 * (postgres.js prepared statements, or PGlite's query API), one chain per connection, on a database
 * of the same kind seeded with the same rows as the server's (openRawRefresh).
 * The server shares one lookup (`= any($1)`) and one claiming statement (over `unnest` of the
 * claims) among the rotations that arrive together; this loop sends one of each per rotation, as
 * the statements' own cost.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { PGlite } from '@electric-sql/pglite';
import type { Sql } from 'postgres';
import { sql as drizzleSql } from 'drizzle-orm';
import { loadConfig } from '../../src/config.js';
import type { DatabaseHandle } from '../../src/db/client.js';
import { isRenewalDue, renewedExpiry } from '../../src/modules/sessions/session-lifetime.js';
import { startCpuAccount } from './cpu-accounting.js';
import { pinProcess, type CpuPlan } from './isolation.js';
import { benchEmail, createStorage, seedSessions, seedUsers } from './storage.js';

type Row = Record<string, unknown>;
interface Raw {
  query(text: string, params: unknown[]): Promise<Row[]>;
}

function postgresRaw(client: Sql): Raw {
  return { query: (text, params) => client.unsafe(text, params as never[], { prepare: true }) as unknown as Promise<Row[]> };
}

function pgliteRaw(client: PGlite): Raw {
  return { query: async (text, params) => (await client.query<Row>(text, params)).rows };
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');
const newToken = () => randomBytes(32).toString('base64url');

const FIND = `select t.token_hash, t.rotated_at, s.id, s.user_id, s.expires_at, s.absolute_expires_at, s.revoked_at
  from refresh_tokens t inner join sessions s on s.id = t.session_id where t.token_hash = $1`;
const ROTATE = `with claimed as (update refresh_tokens set rotated_at = $1, successor_sealed = $2
    where token_hash = $3 and rotated_at is null returning session_id),
  successor as (insert into refresh_tokens (token_hash, session_id, created_at, rotated_at, successor_sealed)
    select $4, session_id, $1, null, null from claimed returning token_hash),
  touched as (update sessions set last_used_at = $1, expires_at = $5
    where id = $6 and $7 and revoked_at is null and expires_at > $1 and absolute_expires_at > $1
    and exists (select 1 from claimed) returning *),
  current_session as (select * from touched union all select * from sessions
    where id = $6 and not $7 and revoked_at is null and expires_at > $1 and absolute_expires_at > $1
    and exists (select 1 from claimed))
  select claimed.session_id, current_session.*, users.* from claimed
  left join current_session on true left join users on users.id = current_session.user_id`;
/** The bench's server sets no SESSION_* variable, so it renews sessions by the default policy. */
const SESSION_POLICY = loadConfig({}).sessions;

async function rotate(raw: Raw, token: string): Promise<string> {
  const now = new Date();
  const tokenHash = hashToken(token);
  const [found] = await raw.query(FIND, [tokenHash]);
  if (!found) throw new Error('raw refresh: token not found');
  const successor = newToken();
  const sealed = randomBytes(96).toString('base64url');
  const expires = renewedExpiry(now, new Date(found.absolute_expires_at as string | Date), SESSION_POLICY);
  const renew = isRenewalDue(new Date(found.expires_at as string | Date), expires, SESSION_POLICY);
  const rotated = await raw.query(ROTATE, [now, sealed, tokenHash, hashToken(successor), expires, found.id, renew]);
  if (rotated.length !== 1) throw new Error('raw refresh: lost a race it cannot lose');
  if (rotated[0]!.id == null) throw new Error('raw refresh: the session did not come back');
  return successor;
}

async function loop(raw: Raw, chains: string[], ms: number): Promise<number> {
  const until = performance.now() + ms;
  let done = 0;
  await Promise.all(
    chains.map(async (_, i) => {
      while (performance.now() < until) {
        chains[i] = await rotate(raw, chains[i]!);
        done += 1;
      }
    }),
  );
  return done;
}

export interface RawRefreshOptions {
  adminUrl: string | undefined;
  chains: number;
  poolMax: number;
  /** The rows the server's database was seeded with (storage.ts), so both run on tables of one size. */
  fillerUsers: number;
  sessions: number;
  isolation?: CpuPlan | null;
}

export interface RawRefresh {
  /** One round: warm-up, then `durationMs` of rotations, on chains that go on from the last round. */
  measure(warmupMs: number, durationMs: number): ReturnType<typeof measureRound>;
  close(): Promise<void>;
}

/**
 * A database of the server's kind, seeded as the server's was and analysed, with one chain per
 * connection. It lives across the rounds of a run, so it grows round by round as the server's does.
 */
export async function openRawRefresh(options: RawRefreshOptions): Promise<RawRefresh> {
  const storage = await createStorage(options.adminUrl);
  const handle = await storage.open();
  const chains = Array.from({ length: options.chains }, newToken);
  let end = async () => {};
  const dispose = async () => {
    await end();
    await handle.close();
    await storage.dispose();
  };
  try {
    await seedUsers(handle, 'not-a-hash', options.chains, options.fillerUsers);
    await seedSessions(handle, options.sessions);
    await seedChains(handle, chains);
    let raw: Raw;
    if (storage.kind === 'postgres') {
      const { default: postgres } = await import('postgres');
      const pool = postgres(storage.databaseUrl!, { max: options.poolMax, onnotice: () => {} });
      raw = postgresRaw(pool);
      end = () => pool.end();
    } else {
      raw = pgliteRaw((handle.db as unknown as { $client: PGlite }).$client);
    }
    return {
      measure: (warmupMs, durationMs) => measureRound(raw, chains, storage.kind, warmupMs, durationMs, options.isolation),
      close: dispose,
    };
  } catch (error) {
    await dispose();
    throw error;
  }
}

/** A session and refresh token for each chain, on the accounts seedUsers made for the load. */
async function seedChains(handle: DatabaseHandle, chains: string[]): Promise<void> {
  for (const [i, chain] of chains.entries()) {
    await handle.db.execute(drizzleSql`with s as (insert into sessions (user_id, created_at, last_used_at, expires_at, absolute_expires_at)
      select id, now(), now(), now() + interval '7 days', now() + interval '30 days' from users where email = ${benchEmail(i + 1)} returning id)
      insert into refresh_tokens (token_hash, session_id, created_at) select ${hashToken(chain)}, id, now() from s`);
  }
}

/**
 * With `isolation`, the loop runs on the servers' CPUs, where it stands in for the server; this
 * process (the load generator otherwise) goes back to the other CPUs afterwards.
 */
async function measureRound(raw: Raw, chains: string[], kind: 'pglite' | 'postgres', warmupMs: number, durationMs: number, isolation?: CpuPlan | null) {
  if (isolation && !pinProcess(process.pid, isolation.serverCpus)) {
    throw new Error("--isolate: taskset could not move the raw loop to the servers' CPUs");
  }
  try {
    await loop(raw, chains, warmupMs);
    const started = performance.now();
    const account = startCpuAccount(kind === 'postgres');
    const rotations = await loop(raw, chains, durationMs);
    // The loop's own CPU is the `loadGenerator` share; with PGlite it includes the database's.
    const cpu = account(rotations);
    const seconds = (performance.now() - started) / 1000;
    return { rotations, seconds, perSecond: rotations / seconds, cpu };
  } finally {
    if (isolation) pinProcess(process.pid, isolation.otherCpus);
  }
}
