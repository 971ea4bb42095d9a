import { createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createCursorCodec } from '../../src/lib/cursor.js';

const codec = createCursorCodec(randomBytes(32));

describe('signed cursors', () => {
  it('round-trips values within their scope', () => {
    const cursor = codec.encode('users:EMAIL:ASC', ['ada@example.com', 'a1b2', null, 42]);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{22}$/);
    expect(codec.decode('users:EMAIL:ASC', cursor)).toEqual(['ada@example.com', 'a1b2', null, 42]);
  });

  it('refuses another scope, another secret, and any changed character', () => {
    const cursor = codec.encode('users:EMAIL:ASC', ['x', 'y']);
    expect(codec.decode('users:EMAIL:DESC', cursor)).toBeNull();
    expect(createCursorCodec(randomBytes(32)).decode('users:EMAIL:ASC', cursor)).toBeNull();
    for (let i = 0; i < cursor.length; i += 1) {
      if (cursor[i] === '.') continue;
      const changed = `${cursor.slice(0, i)}${cursor[i] === 'A' ? 'B' : 'A'}${cursor.slice(i + 1)}`;
      expect(codec.decode('users:EMAIL:ASC', changed)).toBeNull();
    }
  });

  it.each(['', '.', 'abc', 'a.b.c', `${'a'.repeat(2000)}.b`, 'e30.AAAAAAAAAAAAAAAAAAAAAA'])('refuses %j', (cursor) => {
    expect(codec.decode('s', cursor)).toBeNull();
  });

  it('refuses a validly signed payload that is not a list', () => {
    const secret = randomBytes(32);
    const own = createCursorCodec(secret);
    const listCursor = own.encode('s', ['a']);
    expect(own.decode('s', listCursor)).toEqual(['a']);
    // Same tag construction over a JSON object: accepted by the tag, refused by the shape check.
    const payload = Buffer.from('{"a":1}').toString('base64url');
    const tag = createHmac('sha256', secret).update('s').update('\0').update(payload).digest().subarray(0, 16).toString('base64url');
    expect(own.decode('s', `${payload}.${tag}`)).toBeNull();
  });
});
