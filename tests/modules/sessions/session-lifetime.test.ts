import { describe, expect, it } from 'vitest';
import { cleanupCutoff, isRenewalDue, isSessionActive, judgeRotatedToken, newSessionTimes, renewedExpiry } from '../../../src/modules/sessions/session-lifetime.js';

const policy = { idleTtlSeconds: 7 * 86_400, absoluteTtlSeconds: 30 * 86_400, reuseGraceSeconds: 10, renewalIntervalSeconds: 60 };
const t0 = new Date('2026-01-01T00:00:00Z');
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);

describe('session lifetime', () => {
  it('starts with the idle window inside the absolute one', () => {
    const times = newSessionTimes(t0, policy);
    expect(times.expiresAt).toEqual(at(7 * 86_400));
    expect(times.absoluteExpiresAt).toEqual(at(30 * 86_400));
  });

  it('renews the idle window but never past the absolute lifetime', () => {
    const { absoluteExpiresAt } = newSessionTimes(t0, policy);
    expect(renewedExpiry(at(86_400), absoluteExpiresAt, policy)).toEqual(at(8 * 86_400));
    expect(renewedExpiry(at(29 * 86_400), absoluteExpiresAt, policy)).toEqual(absoluteExpiresAt);
  });

  it('caps the idle window when the absolute lifetime is shorter', () => {
    const times = newSessionTimes(t0, { ...policy, absoluteTtlSeconds: 3600 });
    expect(times.expiresAt).toEqual(at(3600));
  });

  it('writes a renewal only once it moves the expiry by the renewal interval', () => {
    const { expiresAt, absoluteExpiresAt } = newSessionTimes(t0, policy);
    expect(isRenewalDue(expiresAt, renewedExpiry(at(59), absoluteExpiresAt, policy), policy)).toBe(false);
    expect(isRenewalDue(expiresAt, renewedExpiry(at(60), absoluteExpiresAt, policy), policy)).toBe(true);
    // At the absolute cap the expiry no longer moves, so there is nothing to write.
    expect(isRenewalDue(absoluteExpiresAt, renewedExpiry(at(29 * 86_400), absoluteExpiresAt, policy), policy)).toBe(false);
    // 0 renews on every refresh, even within the same millisecond.
    expect(isRenewalDue(expiresAt, renewedExpiry(t0, absoluteExpiresAt, policy), { ...policy, renewalIntervalSeconds: 0 })).toBe(true);
  });

  it('is active only when neither revoked nor past either expiry', () => {
    const times = { ...newSessionTimes(t0, policy), revokedAt: null };
    expect(isSessionActive(times, at(1))).toBe(true);
    expect(isSessionActive(times, times.expiresAt)).toBe(false);
    expect(isSessionActive({ ...times, revokedAt: at(1) }, at(2))).toBe(false);
    expect(isSessionActive({ ...times, expiresAt: at(40 * 86_400) }, at(30 * 86_400))).toBe(false);
  });

  it('honours a rotated token only inside the grace window', () => {
    expect(judgeRotatedToken(t0, at(0), policy)).toBe('WITHIN_GRACE');
    expect(judgeRotatedToken(t0, at(10), policy)).toBe('WITHIN_GRACE');
    expect(judgeRotatedToken(t0, at(11), policy)).toBe('REUSE');
    expect(judgeRotatedToken(at(5), at(0), policy)).toBe('REUSE');
  });

  it('computes the cleanup cutoff from the retention', () => {
    expect(cleanupCutoff(at(100), 40)).toEqual(at(60));
  });
});
