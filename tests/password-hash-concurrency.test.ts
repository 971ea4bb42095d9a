import { describe, expect, it } from 'vitest';
import { defaultHashConcurrency, loadConfig } from '../src/config.js';

describe('password hash concurrency', () => {
  it('hashes on one thread per CPU but always leaves a pool thread free', () => {
    expect(defaultHashConcurrency(4, 2)).toBe(2);
    expect(defaultHashConcurrency(4, 16)).toBe(3);
    expect(defaultHashConcurrency(17, 16)).toBe(16);
    expect(defaultHashConcurrency(1, 8)).toBe(1);
  });

  it('shares the CPUs among cluster workers', () => {
    expect(defaultHashConcurrency(4, 8, 4)).toBe(2);
    expect(defaultHashConcurrency(4, 2, 4)).toBe(1);
    expect(defaultHashConcurrency(4, 3, 2)).toBe(2);
  });

  it('follows UV_THREADPOOL_SIZE and can be set outright', () => {
    expect(loadConfig({ UV_THREADPOOL_SIZE: '2' }).passwords.hashConcurrency).toBe(1);
    expect(loadConfig({ PASSWORD_HASH_CONCURRENCY: '6' }).passwords.hashConcurrency).toBe(6);
    expect(() => loadConfig({ PASSWORD_HASH_CONCURRENCY: '0' })).toThrow(/PASSWORD_HASH_CONCURRENCY/);
  });
});
