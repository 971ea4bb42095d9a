import { describe, expect, it } from 'vitest';
import { secureRandomBytes } from '../../src/lib/secure-random.js';

describe('secureRandomBytes', () => {
  it('hands out bytes of the asked length, never the same bytes twice, across many pool refills', () => {
    // 3,000 draws of 12 or 32 bytes cross the 4 KiB pool's refill ~20 times, at varying offsets.
    const draws = Array.from({ length: 3000 }, (_, i) => secureRandomBytes(i % 3 === 0 ? 12 : 32));
    expect(draws.filter((bytes, i) => bytes.length !== (i % 3 === 0 ? 12 : 32))).toEqual([]);
    expect(draws.filter((bytes) => bytes.every((byte) => byte === 0))).toEqual([]);
    expect(new Set(draws.map((bytes) => bytes.toString('hex'))).size).toBe(3000);
  });

  it('gives each caller its own copy: later draws and refills leave it unchanged', () => {
    const first = secureRandomBytes(32);
    const snapshot = Buffer.from(first);
    for (let i = 0; i < 500; i++) secureRandomBytes(32);
    expect(first.equals(snapshot)).toBe(true);
  });

  it('spreads its bytes over all values', () => {
    const counts = new Array<number>(256).fill(0);
    for (let i = 0; i < 1024; i++) for (const byte of secureRandomBytes(64)) counts[byte]! += 1;
    // 65,536 bytes: 256 expected per value; a value off by more than half would be a broken source.
    expect(Math.min(...counts)).toBeGreaterThan(128);
    expect(Math.max(...counts)).toBeLessThan(384);
  });

  it('refuses lengths it cannot serve', () => {
    for (const bad of [-1, 1.5, 4097, Number.NaN]) expect(() => secureRandomBytes(bad)).toThrow(RangeError);
    expect(secureRandomBytes(0)).toHaveLength(0);
    expect(secureRandomBytes(4096)).toHaveLength(4096);
  });
});
