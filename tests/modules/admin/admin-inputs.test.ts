import { describe, expect, it } from 'vitest';
import { seededRandom, seedUserRows } from '../../../src/cli/seed-data.js';
import type { UserRow } from '../../../src/db/schema.js';
import { parseAdminUserUpdate, parseAuditFilter, parseFirst, parseInstant, parseReason, parseUserFilter, parseUserOrder } from '../../../src/modules/admin/admin.inputs.js';
import { likeContains } from '../../../src/modules/admin/admin.repository.js';
import { userPatch } from '../../../src/modules/admin/admin.service.js';

describe('admin inputs', () => {
  it('bounds first to 1..100 and applies the default for null', () => {
    expect(parseFirst(null, 20)).toBe(20);
    expect(parseFirst(100, 20)).toBe(100);
    expect(() => parseFirst(0, 20)).toThrow(/between 1 and 100/);
    expect(() => parseFirst(101, 20)).toThrow(/between 1 and 100/);
  });

  it('trims the search and drops an empty one', () => {
    expect(parseUserFilter({ search: '  ada ' })).toMatchObject({ search: 'ada' });
    expect(parseUserFilter({ search: '   ' }).search).toBeUndefined();
    expect(parseUserOrder(null)).toEqual({ field: 'CREATED_AT', direction: 'DESC' });
  });

  it('escapes LIKE wildcards so they match literally', () => {
    expect(likeContains('100%_a\\b')).toBe('%100\\%\\_a\\\\b%');
  });

  it('accepts filter instants in the years 1 to 9999 only, naming the field', () => {
    const yearOne = new Date('0001-01-01T00:00:00.000Z');
    expect(parseInstant(yearOne, 'before')).toBe(yearOne);
    expect(parseInstant(null, 'before')).toBeUndefined();
    expect(() => parseInstant(new Date('0000-12-31T23:59:59.999Z'), 'before')).toThrow(/years 1 and 9999/);
    expect(() => parseInstant(new Date('+010000-01-01T00:00:00Z'), 'before')).toThrow(/years 1 and 9999/);
    expect(() => parseInstant(new Date(Number.NaN), 'before')).toThrow(/years 1 and 9999/);
    expect(() => parseUserFilter({ createdAfter: new Date('0000-01-01T00:00:00Z') })).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ field: 'createdAfter' }) }));
    expect(() => parseAuditFilter({ after: new Date('0000-01-01T00:00:00Z') })).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ field: 'after' }) }));
  });

  it('cleans a reason', () => {
    expect(parseReason('  spam  ')).toBe('spam');
    expect(parseReason('   ')).toBeNull();
    expect(() => parseReason('a\u0007b')).toThrow(/control characters/);
    expect(() => parseReason('\uD800')).toThrow(/control characters/);
  });

  it('keeps omitted update fields unchanged and cleans the given ones', () => {
    expect(parseAdminUserUpdate({})).toEqual({});
    expect(parseAdminUserUpdate({ displayName: null, email: ' A@Example.com ' })).toEqual({ displayName: null, email: 'A@Example.com' });
  });
});

describe('userPatch', () => {
  const user = { email: 'Ada@example.com', emailVerified: true, displayName: 'Ada' } as UserRow;

  it('contains only real changes', () => {
    expect(userPatch(user, { displayName: 'Ada', email: 'Ada@example.com', emailVerified: true })).toEqual({});
  });

  it('unverifies a new address unless told otherwise, but not a change of case', () => {
    expect(userPatch(user, { email: 'grace@example.com' })).toEqual({ email: 'grace@example.com', emailVerified: false });
    expect(userPatch(user, { email: 'grace@example.com', emailVerified: true })).toEqual({ email: 'grace@example.com' });
    expect(userPatch(user, { email: 'ADA@example.com' })).toEqual({ email: 'ADA@example.com' });
  });
});

describe('seedUserRows', () => {
  it('is deterministic, unique per run and realistic in its spread', () => {
    const now = new Date('2026-11-22T00:00:00Z');
    const make = () => seedUserRows({ start: 0, count: 2000, runTag: 'abc', passwordHash: 'h', now, random: seededRandom(1) });
    const rows = make();
    expect(make()).toEqual(rows);
    expect(new Set(rows.map((r) => r.email.toLowerCase())).size).toBe(2000);
    expect(rows.every((r) => r.createdAt! <= now && (r.lastLoginAt === null || (r.lastLoginAt! >= r.createdAt! && r.lastLoginAt! <= now)))).toBe(true);
    const never = rows.filter((r) => r.lastLoginAt === null).length / rows.length;
    expect(never).toBeGreaterThan(0.1);
    expect(never).toBeLessThan(0.2);
    expect(new Set(rows.map((r) => r.displayName)).size).toBeGreaterThan(100);
  });
});
