import { describe, expect, it } from 'vitest';
import { lazyRecord } from '../../src/lib/lazy-record.js';

describe('lazyRecord', () => {
  it('builds each property on its first read only, once', () => {
    const built: string[] = [];
    const record = lazyRecord({
      a: () => (built.push('a'), { name: 'a' }),
      b: () => (built.push('b'), 2),
    });
    expect(built).toEqual([]);
    expect(Object.keys(record)).toEqual(['a', 'b']);
    expect(built).toEqual([]);
    const first = record.a;
    expect(record.a).toBe(first);
    expect(built).toEqual(['a']);
    expect(record.b).toBe(2);
    expect(built).toEqual(['a', 'b']);
  });
});
