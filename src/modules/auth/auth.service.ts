/**
 * Sign-up, sign-in, refresh, logout and request authentication. Login answers an unknown email
 * and a wrong password with the same error after the same argon2 work; a suspended account is
 * revealed only after a correct password; failures are rate limited per account and per IP.
 */
import type { Logger } from 'pino';
import type { Config } from '../../config.js';
import type { Repositories } from '../../db/repositories.js';
import type { SessionRow, UserProfile, UserRow } from '../../db/schema.js';
import { accountSuspended, emailTaken, invalidCredentials, invalidToken } from '../../graphql/errors.js';
import { AUDIT_EVENTS, auditEvent } from '../audit/audit-events.js';
import type { RateLimiters } from '../rate-limit/rate-limiters.js';
import type { RequestMeta } from '../request-meta.js';
import type { SessionModel } from '../sessions/session-model.js';
import type { ServiceAccountsService } from '../service-accounts/service-accounts.service.js';
import type { SessionsService } from '../sessions/sessions.service.js';
import { isSessionActive } from '../sessions/session-lifetime.js';
import { createSessionLookup } from '../sessions/session-lookup.js';
import { signAccessToken, verifyAccessToken, type AccessTokenSettings } from './access-token.js';
import type { RegisterValues } from './auth.inputs.js';
import { emailKey } from './email.js';
import type { PasswordHasher } from './password-hasher.js';
import type { PasswordPolicy } from './password-policy.js';
import type { SigningKeys } from './signing-keys.js';
import { cacheVerifiedTokens } from './verified-token-cache.js';
import type { AuthState } from './viewer.js';

export interface AuthResult {
  accessToken: string;
  accessTokenExpiresAt: Date;
  refreshToken: string;
  refreshTokenExpiresAt: Date;
  user: UserProfile;
  session: SessionModel;
}

export interface AuthServiceDeps {
  repos: Repositories;
  sessions: SessionsService;
  hasher: PasswordHasher;
  keys: SigningKeys;
  tokenSettings: AccessTokenSettings;
  limiters: RateLimiters;
  passwordPolicy: PasswordPolicy;
  logger: Logger;
  /** Runs inside the sign-up transaction; what it returns runs once that has committed (e.g. mail). */
  afterSignUp?: (tx: Repositories, user: UserRow, meta: RequestMeta) => Promise<() => void>;
  serviceAccounts: Pick<ServiceAccountsService, 'isServiceSecret' | 'authenticateSecret' | 'principalFromToken'>;
}

export function accessTokenSettings(config: Config): AccessTokenSettings {
  return { issuer: config.jwt.issuer, audience: config.jwt.audience, ttlSeconds: config.jwt.accessTokenTtlSeconds };
}

export function createAuthService(deps: AuthServiceDeps) {
  const { repos, limiters } = deps;
  const verifyToken = cacheVerifiedTokens((token, now) => verifyAccessToken(token, deps.keys, deps.tokenSettings, now));
  const findSessionWithUser = createSessionLookup(repos.sessions.findManyWithUsers);

  async function issue(user: UserProfile, session: SessionRow, refreshToken: string, now: Date): Promise<AuthResult> {
    const access = await signAccessToken({ userId: user.id, sessionId: session.id }, deps.keys, deps.tokenSettings, now);
    return {
      accessToken: access.token,
      accessTokenExpiresAt: access.expiresAt,
      refreshToken,
      refreshTokenExpiresAt: session.expiresAt,
      user,
      session: { ...session, isCurrent: true },
    };
  }

  async function register(values: RegisterValues, meta: RequestMeta): Promise<AuthResult> {
    await limiters.registerPerIp.consume(meta.ipAddress ?? 'unknown');
    const passwordHash = await deps.hasher.hash(values.password);
    const started = await repos.transaction(async (tx) => {
      const user = await tx.users.insert({ email: values.email, passwordHash, displayName: values.displayName, now: meta.now });
      if (!user) return null;
      const { session, refreshToken } = await deps.sessions.start(tx, user.id, meta);
      await tx.audit.record(auditEvent(AUDIT_EVENTS.USER_REGISTERED, meta, { actorId: user.id, targetUserId: user.id }));
      const afterCommit = await deps.afterSignUp?.(tx, user, meta);
      return { user, session, refreshToken, afterCommit };
    });
    if (!started) throw emailTaken();
    started.afterCommit?.();
    return issue(started.user, started.session, started.refreshToken, meta.now);
  }

  async function login(email: string, password: string, passwordTooLong: boolean, meta: RequestMeta): Promise<AuthResult> {
    const accountKey = emailKey(email);
    const ipKey = meta.ipAddress ?? 'unknown';
    await limiters.loginFailuresPerIp.assertOpen(ipKey);
    await limiters.loginFailuresPerAccount.assertOpen(accountKey);
    const user = passwordTooLong ? null : await repos.users.findByEmail(accountKey);
    const passwordOk = !passwordTooLong && (await deps.hasher.verifyOrDummy(user?.passwordHash ?? null, password));
    if (!user || !passwordOk) {
      await Promise.all([limiters.loginFailuresPerAccount.penalize(accountKey), limiters.loginFailuresPerIp.penalize(ipKey)]);
      const reason = user ? 'WRONG_PASSWORD' : 'UNKNOWN_EMAIL';
      await repos.audit.record(auditEvent(AUDIT_EVENTS.LOGIN_FAILED, meta, { targetUserId: user?.id ?? null, metadata: { reason } }));
      throw invalidCredentials();
    }
    if (user.status !== 'ACTIVE') {
      await repos.audit.record(auditEvent(AUDIT_EVENTS.LOGIN_FAILED, meta, { targetUserId: user.id, metadata: { reason: 'SUSPENDED' } }));
      throw accountSuspended();
    }
    await limiters.loginFailuresPerAccount.reset(accountKey);
    const started = await deps.sessions.startForLogin(user.id, meta);
    return issue(started.user ?? user, started.session, started.refreshToken, meta.now);
  }

  async function refresh(presentedToken: string | null, meta: RequestMeta): Promise<AuthResult> {
    if (!presentedToken) throw invalidToken();
    const rotation = await deps.sessions.rotate(presentedToken, meta);
    if (!rotation.ok) throw rotation.reason === 'SUSPENDED' ? accountSuspended() : invalidToken();
    return issue(rotation.user, rotation.session, rotation.refreshToken, meta.now);
  }

  /**
   * Resolves an `Authorization` bearer token to the viewer (checking the session live in the
   * database) or to a service account (checking its row live, whether the bearer is a service
   * token or the raw secret).
   */
  async function authenticate(bearerToken: string | null, now: Date, ipAddress: string | null = null): Promise<AuthState> {
    if (bearerToken === null) return { status: 'anonymous' };
    if (deps.serviceAccounts.isServiceSecret(bearerToken)) {
      const service = await deps.serviceAccounts.authenticateSecret(bearerToken, { now, ipAddress, userAgent: null });
      return { status: 'service', service };
    }
    const check = await verifyToken(bearerToken, now);
    if (!check.ok) return { status: 'invalid', reason: check.reason };
    if (check.claims.kind === 'service') {
      const service = await deps.serviceAccounts.principalFromToken(check.claims, now);
      return service ? { status: 'service', service } : { status: 'invalid', reason: 'SESSION_ENDED' };
    }
    const found = await findSessionWithUser(check.claims.sessionId, check.claims.userId);
    if (!found || !isSessionActive(found.session, now) || found.user.status !== 'ACTIVE') {
      return { status: 'invalid', reason: 'SESSION_ENDED' };
    }
    return { status: 'authenticated', viewer: found };
  }

  return { register, login, refresh, authenticate, passwordPolicy: deps.passwordPolicy };
}

export type AuthService = ReturnType<typeof createAuthService>;
