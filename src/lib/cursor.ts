/**
 * Opaque, tamper-proof pagination cursors. A cursor is base64url(JSON array of values) + "." +
 * a 128-bit HMAC-SHA256 tag over the list it belongs to (its "scope", e.g. the sort order) and
 * the payload. Guarantees: changing any character, or presenting a cursor to another list or
 * sort order, fails verification; the tag is compared in constant time; the payload is parsed
 * only after the tag matched, so callers only ever receive values this server produced. A cursor
 * is a position, not a permission: it carries sort keys, never filters or secrets. Pure.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export type CursorValue = string | number | null;

export interface CursorCodec {
  encode(scope: string, values: readonly CursorValue[]): string;
  /** The values, or null when the cursor is malformed, forged or from another scope. */
  decode(scope: string, cursor: string): CursorValue[] | null;
}

const TAG_BYTES = 16;
const MAX_CURSOR_LENGTH = 1024;
const CURSOR_PATTERN = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

export function createCursorCodec(secret: Uint8Array): CursorCodec {
  const tag = (scope: string, payload: string) =>
    createHmac('sha256', secret).update(scope).update('\0').update(payload).digest().subarray(0, TAG_BYTES).toString('base64url');
  return {
    encode(scope, values) {
      const payload = Buffer.from(JSON.stringify(values), 'utf8').toString('base64url');
      return `${payload}.${tag(scope, payload)}`;
    },
    decode(scope, cursor) {
      if (cursor.length > MAX_CURSOR_LENGTH || !CURSOR_PATTERN.test(cursor)) return null;
      const [payload, presented] = cursor.split('.') as [string, string];
      // Compared as text: base64url decoding ignores trailing bits, so bytes alone would accept variants.
      const expected = Buffer.from(tag(scope, payload));
      const given = Buffer.from(presented);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
      const values: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
      return Array.isArray(values) ? (values as CursorValue[]) : null;
    },
  };
}
