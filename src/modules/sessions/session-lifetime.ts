/**
 * Session expiry math. Guarantees: a session never outlives its absolute lifetime, however often
 * it is refreshed; each refresh renews only the idle window; a revoked or expired session is never
 * active; an already-rotated refresh token is honoured only inside the grace window, and any
 * later replay is reuse. Renewal is written at most once per renewal interval: a session in use
 * never ends more than that interval before its last use plus the idle lifetime, and never later.
 * Every function takes `now` and is pure.
 */

export interface SessionPolicy {
  idleTtlSeconds: number;
  absoluteTtlSeconds: number;
  reuseGraceSeconds: number;
  /**
   * A refresh renews the session row (last use, idle expiry) only when that moves its expiry by at
   * least this much. Every renewal is a new row version in every index of `sessions` (expires_at is
   * indexed, so it is never a HOT update); a client refreshing in a loop would otherwise write one
   * per refresh. 0 renews on every refresh.
   */
  renewalIntervalSeconds: number;
}

export interface SessionTimes {
  revokedAt: Date | null;
  expiresAt: Date;
  absoluteExpiresAt: Date;
}

const addSeconds = (date: Date, seconds: number) => new Date(date.getTime() + seconds * 1000);
const earliest = (a: Date, b: Date) => (a.getTime() <= b.getTime() ? a : b);

export function newSessionTimes(now: Date, policy: SessionPolicy) {
  const absoluteExpiresAt = addSeconds(now, policy.absoluteTtlSeconds);
  return {
    createdAt: now,
    lastUsedAt: now,
    expiresAt: earliest(addSeconds(now, policy.idleTtlSeconds), absoluteExpiresAt),
    absoluteExpiresAt,
  };
}

export function renewedExpiry(now: Date, absoluteExpiresAt: Date, policy: SessionPolicy): Date {
  return earliest(addSeconds(now, policy.idleTtlSeconds), absoluteExpiresAt);
}

/** Whether a refresh should write `renewedExpiresAt` over the session's current expiry (see renewalIntervalSeconds). */
export function isRenewalDue(currentExpiresAt: Date, renewedExpiresAt: Date, policy: SessionPolicy): boolean {
  return renewedExpiresAt.getTime() - currentExpiresAt.getTime() >= policy.renewalIntervalSeconds * 1000;
}

export function isSessionActive(session: SessionTimes, now: Date): boolean {
  return (
    session.revokedAt === null &&
    session.expiresAt.getTime() > now.getTime() &&
    session.absoluteExpiresAt.getTime() > now.getTime()
  );
}

export type RotatedTokenVerdict = 'WITHIN_GRACE' | 'REUSE';

export function judgeRotatedToken(rotatedAt: Date, now: Date, policy: SessionPolicy): RotatedTokenVerdict {
  const elapsedMs = now.getTime() - rotatedAt.getTime();
  return elapsedMs >= 0 && elapsedMs <= policy.reuseGraceSeconds * 1000 ? 'WITHIN_GRACE' : 'REUSE';
}

/** Sessions that ended (expired or revoked) before this instant may be deleted. */
export function cleanupCutoff(now: Date, retentionSeconds: number): Date {
  return addSeconds(now, -retentionSeconds);
}
