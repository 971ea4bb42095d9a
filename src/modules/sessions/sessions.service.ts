/**
 * Sessions: start, rotate, list, revoke, clean up. Rotation is race-free: the old token is claimed
 * with a conditional UPDATE, in the same single statement that inserts the successor and renews
 * the session (so all or nothing), so of two concurrent refreshes exactly one mints the successor
 * and the other (inside the grace window) receives the same one, on a slower path in its own
 * transaction. A replay after the grace window revokes the whole session and is audited in that
 * same transaction.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Config } from '../../config.js';
import type { Repositories } from '../../db/repositories.js';
import type { SessionRow, UserProfile } from '../../db/schema.js';
import { createCoalescedBatch, createCoalescedLookup } from '../../lib/coalesced-lookup.js';
import { generateSecureToken, hashSecureToken, isWellFormedToken } from '../../lib/secure-token.js';
import { AUDIT_EVENTS, auditEvent } from '../audit/audit-events.js';
import type { RateLimiters } from '../rate-limit/rate-limiters.js';
import type { RequestMeta } from '../request-meta.js';
import { openSuccessor, sealSuccessor } from './refresh-token.js';
import type { ViewerSession } from './session-lookup.js';
import { cleanupCutoff, isRenewalDue, isSessionActive, judgeRotatedToken, newSessionTimes, renewedExpiry, type SessionPolicy } from './session-lifetime.js';

export interface StartedSession {
  session: SessionRow;
  refreshToken: string;
}

export type RotationResult =
  | { ok: true; session: SessionRow; user: UserProfile; refreshToken: string }
  | { ok: false; reason: 'UNKNOWN' | 'INACTIVE' | 'REUSE' | 'SUSPENDED' };

export interface SessionsServiceDeps {
  repos: Repositories;
  policy: SessionPolicy;
  cleanup: Pick<Config['sessions'], 'cleanupRetentionSeconds' | 'cleanupBatchSize'>;
  limiters: Pick<RateLimiters, 'refreshPerSession'>;
  logger: Logger;
}

export function createSessionsService(deps: SessionsServiceDeps) {
  const { policy } = deps;
  // Concurrent refreshes share one lookup statement (lib/coalesced-lookup.ts); each still reads after it arrived.
  const findByRefreshTokenHash = createCoalescedLookup(deps.repos.sessions.findManyByRefreshTokenHashes, (row) => row.token.tokenHash);
  // Likewise their claims: one statement claims every token presented meanwhile (sessions.repository rotateMany).
  const claimRotation = createCoalescedBatch(deps.repos.sessions.rotateMany);

  async function start(repos: Repositories, userId: string, meta: RequestMeta): Promise<StartedSession> {
    const refreshToken = generateSecureToken();
    const session = await repos.sessions.insert(
      { userId, userAgent: meta.userAgent, ipAddress: meta.ipAddress, ...newSessionTimes(meta.now, policy) },
      hashSecureToken(refreshToken),
    );
    return { session, refreshToken };
  }

  /** A successful login's session, last-login stamp and audit event, written in one statement. */
  async function startForLogin(userId: string, meta: RequestMeta): Promise<StartedSession & { user: UserProfile | null }> {
    const refreshToken = generateSecureToken();
    const sessionId = randomUUID();
    const session = { id: sessionId, userId, userAgent: meta.userAgent, ipAddress: meta.ipAddress, ...newSessionTimes(meta.now, policy) };
    const audit = auditEvent(AUDIT_EVENTS.LOGIN_SUCCEEDED, meta, { actorId: userId, targetUserId: userId, metadata: { sessionId } });
    const written = await deps.repos.sessions.startForLogin({ session, refreshTokenHash: hashSecureToken(refreshToken), audit });
    return { ...written, refreshToken };
  }

  async function rotate(presented: string, meta: RequestMeta): Promise<RotationResult> {
    if (!isWellFormedToken(presented)) return { ok: false, reason: 'UNKNOWN' };
    const tokenHash = hashSecureToken(presented);
    const found = await findByRefreshTokenHash(tokenHash);
    if (!found) return { ok: false, reason: 'UNKNOWN' };
    await deps.limiters.refreshPerSession.consume(found.session.id);
    if (!isSessionActive(found.session, meta.now)) return { ok: false, reason: 'INACTIVE' };
    const successor = generateSecureToken();
    const expiresAt = renewedExpiry(meta.now, found.session.absoluteExpiresAt, policy);
    const outcome = await claimRotation({
      tokenHash,
      successorSealed: sealSuccessor(presented, successor),
      successorHash: hashSecureToken(successor),
      expiresAt,
      renew: isRenewalDue(found.session.expiresAt, expiresAt, policy),
      now: meta.now,
    });
    if (!outcome.won) return deps.repos.transaction((repos) => replayRotated(repos, presented, tokenHash, meta));
    return rotationResult(outcome.session, outcome.user, successor);
  }

  /** The token was already rotated: same successor inside the grace window, otherwise reuse. */
  async function replayRotated(repos: Repositories, presented: string, tokenHash: string, meta: RequestMeta): Promise<RotationResult> {
    const current = await repos.sessions.findByRefreshTokenHash(tokenHash);
    const { token, session } = current!;
    const verdict = judgeRotatedToken(token.rotatedAt!, meta.now, policy);
    const successor = verdict === 'WITHIN_GRACE' && token.successorSealed ? openSuccessor(presented, token.successorSealed) : null;
    if (successor) return finishRotation(repos, session, successor, meta.now);
    await repos.sessions.revoke(session.id, session.userId, 'REFRESH_TOKEN_REUSE', meta.now);
    await repos.audit.record(
      auditEvent(AUDIT_EVENTS.REFRESH_TOKEN_REUSE, meta, { targetUserId: session.userId, metadata: { sessionId: session.id } }),
    );
    deps.logger.warn({ event: 'refresh_token_reuse', sessionId: session.id, userId: session.userId }, 'refresh token reuse detected; session revoked');
    return { ok: false, reason: 'REUSE' };
  }

  async function finishRotation(repos: Repositories, session: ViewerSession, refreshToken: string, now: Date): Promise<RotationResult> {
    const touched = await repos.sessions.touch(session.id, renewedExpiry(now, session.absoluteExpiresAt, policy), now);
    return rotationResult(touched, touched && (await repos.users.findById(session.userId)), refreshToken);
  }

  function rotationResult(session: SessionRow | null, user: UserProfile | null, refreshToken: string): RotationResult {
    if (!session || !user) return { ok: false, reason: 'INACTIVE' };
    if (user.status !== 'ACTIVE') return { ok: false, reason: 'SUSPENDED' };
    return { ok: true, session, user, refreshToken };
  }

  async function revokeOwn(userId: string, sessionId: string, meta: RequestMeta, reason: string): Promise<boolean> {
    return deps.repos.transaction(async (repos) => {
      const revoked = await repos.sessions.revoke(sessionId, userId, reason, meta.now);
      if (!revoked) return false;
      const type = reason === 'LOGOUT' ? AUDIT_EVENTS.LOGOUT : AUDIT_EVENTS.SESSION_REVOKED;
      await repos.audit.record(auditEvent(type, meta, { actorId: userId, targetUserId: userId, metadata: { sessionId } }));
      return true;
    });
  }

  async function revokeOthers(userId: string, currentSessionId: string, meta: RequestMeta): Promise<number> {
    return deps.repos.transaction(async (repos) => {
      const count = await repos.sessions.revokeAllForUser(userId, 'REVOKED_BY_USER', meta.now, currentSessionId);
      if (count > 0) {
        const metadata = { count, exceptSessionId: currentSessionId };
        await repos.audit.record(auditEvent(AUDIT_EVENTS.SESSION_REVOKED, meta, { actorId: userId, targetUserId: userId, metadata }));
      }
      return count;
    });
  }

  /** Deletes sessions that ended more than the retention period ago, batch by batch. */
  async function deleteEnded(now: Date): Promise<number> {
    const cutoff = cleanupCutoff(now, deps.cleanup.cleanupRetentionSeconds);
    let total = 0;
    for (;;) {
      const deleted = await deps.repos.sessions.deleteEndedBefore(cutoff, deps.cleanup.cleanupBatchSize);
      total += deleted;
      if (deleted < deps.cleanup.cleanupBatchSize) return total;
    }
  }

  return {
    start,
    startForLogin,
    rotate,
    revokeOwn,
    revokeOthers,
    deleteEnded,
    listActiveForUsers: (userIds: readonly string[], now: Date) => deps.repos.sessions.listActiveByUserIds(userIds, now),
  };
}

export type SessionsService = ReturnType<typeof createSessionsService>;
