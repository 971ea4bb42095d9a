import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startPeriodicCleanup } from '../../../src/modules/sessions/session-cleanup.js';

const logger = pino({ level: 'silent' });

describe('startPeriodicCleanup', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('runs the task every interval with the clock, never twice at once, until stopped', async () => {
    const started: Date[] = [];
    let finish: (n: number) => void = () => {};
    const task = (now: Date) => {
      started.push(now);
      return new Promise<number>((resolve) => {
        finish = resolve;
      });
    };
    const job = startPeriodicCleanup('things', task, 10, () => new Date(0), logger);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(started).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(30_000); // still running: skipped
    expect(started).toHaveLength(1);
    finish(3);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(started).toHaveLength(2);
    finish(0);
    job.stop();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(started).toHaveLength(2);
  });

  it('survives a failing run and is disabled by an interval of 0', async () => {
    const task = vi.fn().mockRejectedValueOnce(new Error('db down')).mockResolvedValue(1);
    const job = startPeriodicCleanup('things', task, 5, () => new Date(0), logger);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(task).toHaveBeenCalledTimes(2);
    job.stop();
    const idle = vi.fn();
    startPeriodicCleanup('nothing', idle, 0, () => new Date(0), logger).stop();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(idle).not.toHaveBeenCalled();
  });
});
