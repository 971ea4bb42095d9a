import { describe, expect, it } from 'vitest';
import type { SessionRow, UserRow } from '../../../src/db/schema.js';
import { COALESCED_LOOKUP_BATCH_SIZE as SESSION_LOOKUP_BATCH_SIZE } from '../../../src/lib/coalesced-lookup.js';
import { createSessionLookup, type SessionWithUser } from '../../../src/modules/sessions/session-lookup.js';

const row = (sessionId: string, userId: string): SessionWithUser => ({
  session: { id: sessionId, userId } as SessionRow,
  user: { id: userId } as UserRow,
});

/** A fake `findManyWithUsers` over a mutable table, recording each call's ids. */
function table(rows: SessionWithUser[]) {
  const calls: string[][] = [];
  const find = async (ids: readonly string[]) => {
    calls.push([...ids]);
    return rows.filter((r) => ids.includes(r.session.id));
  };
  return { rows, calls, find };
}

describe('createSessionLookup', () => {
  it('answers concurrent lookups with one query over the distinct session ids', async () => {
    const db = table([row('s1', 'u1'), row('s2', 'u2')]);
    const lookup = createSessionLookup(db.find);
    const results = await Promise.all([lookup('s1', 'u1'), lookup('s2', 'u2'), lookup('s1', 'u1'), lookup('s3', 'u3')]);
    expect(db.calls).toEqual([['s1', 's2', 's3']]);
    expect(results.map((r) => r?.session.id ?? null)).toEqual(['s1', 's2', 's1', null]);
  });

  it('never hands a session to a token naming another user', async () => {
    const db = table([row('s1', 'u1')]);
    const lookup = createSessionLookup(db.find);
    const [owner, stranger] = await Promise.all([lookup('s1', 'u1'), lookup('s1', 'u2')]);
    expect(owner?.user.id).toBe('u1');
    expect(stranger).toBeNull();
  });

  it('keeps nothing between batches: a session removed after one lookup is gone for the next', async () => {
    const db = table([row('s1', 'u1')]);
    const lookup = createSessionLookup(db.find);
    expect(await lookup('s1', 'u1')).not.toBeNull();
    db.rows.length = 0; // revoked meanwhile
    expect(await lookup('s1', 'u1')).toBeNull();
    expect(db.calls).toHaveLength(2);
  });

  it('fails every lookup of a failed batch, and the next batch queries again', async () => {
    let fail = true;
    const lookup = createSessionLookup(async (ids) => {
      if (fail) throw new Error('database unavailable');
      return ids.map((id) => row(id, 'u1'));
    });
    const failed = await Promise.allSettled([lookup('s1', 'u1'), lookup('s2', 'u1')]);
    expect(failed.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    fail = false;
    expect((await lookup('s1', 'u1'))?.session.id).toBe('s1');
  });

  it(`splits more than ${SESSION_LOOKUP_BATCH_SIZE} concurrent lookups into bounded statements`, async () => {
    const ids = Array.from({ length: SESSION_LOOKUP_BATCH_SIZE * 2 + 5 }, (_, i) => `s${i}`);
    const db = table(ids.map((id) => row(id, 'u1')));
    const lookup = createSessionLookup(db.find);
    const results = await Promise.all(ids.map((id) => lookup(id, 'u1')));
    expect(results.every((r, i) => r?.session.id === ids[i])).toBe(true);
    expect(db.calls.map((c) => c.length)).toEqual([SESSION_LOOKUP_BATCH_SIZE, SESSION_LOOKUP_BATCH_SIZE, 5]);
  });
});
