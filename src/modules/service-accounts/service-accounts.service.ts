/**
 * Service accounts: created and revoked by administrators, authenticated either by exchanging
 * client id + secret for a short-lived access token or by sending the raw secret as a bearer
 * token. Every request re-reads the account row, so revocation takes effect at once for both.
 * Failed attempts are limited per IP, and each account's exchanges and raw-secret requests per
 * account; unknown client ids and wrong secrets give the same error.
 */
import type { Repositories } from '../../db/repositories.js';
import type { ServiceAccountRow } from '../../db/schema.js';
import { invalidClientCredentials } from '../../graphql/errors.js';
import { secretsEqual } from '../../lib/secure-token.js';
import { AUDIT_EVENTS, auditEvent } from '../audit/audit-events.js';
import { signServiceToken, type AccessTokenSettings, type ServiceTokenClaims } from '../auth/access-token.js';
import type { SigningKeys } from '../auth/signing-keys.js';
import type { RateLimiters } from '../rate-limit/rate-limiters.js';
import type { RequestMeta } from '../request-meta.js';
import {
  effectiveScopes,
  generateServiceCredentials,
  hashServiceSecret,
  isServiceAccountActive,
  isServiceSecret,
  type ServiceScope,
} from './service-secret.js';

/** A service account acting on a request. */
export interface ServicePrincipal {
  id: string;
  name: string;
  scopes: string[];
}

export interface ServiceTokenResult {
  accessToken: string;
  accessTokenExpiresAt: Date;
  scopes: string[];
}

export interface ServiceAccountsServiceDeps {
  repos: Repositories;
  keys: SigningKeys;
  /** Access-token settings with the service-token lifetime. */
  tokenSettings: AccessTokenSettings;
  limiters: Pick<RateLimiters, 'serviceAuthPerClient' | 'serviceAuthFailuresPerIp'>;
}

export function createServiceAccountsService(deps: ServiceAccountsServiceDeps) {
  const { repos, limiters } = deps;

  async function create(name: string, scopes: ServiceScope[], adminId: string, meta: RequestMeta) {
    const credentials = generateServiceCredentials();
    const account = await repos.transaction(async (tx) => {
      const row = await tx.serviceAccounts.insert({ name, scopes, createdBy: adminId, now: meta.now, clientId: credentials.clientId, secretHash: credentials.secretHash });
      await tx.audit.record(auditEvent(AUDIT_EVENTS.SERVICE_ACCOUNT_CREATED, meta, { actorId: adminId, metadata: { serviceAccountId: row.id, scopes } }));
      return row;
    });
    return { serviceAccount: account, clientSecret: credentials.clientSecret };
  }

  async function revoke(id: string, adminId: string, meta: RequestMeta): Promise<boolean> {
    return repos.transaction(async (tx) => {
      const row = await tx.serviceAccounts.revoke(id, meta.now);
      if (!row) return false;
      await tx.audit.record(auditEvent(AUDIT_EVENTS.SERVICE_ACCOUNT_REVOKED, meta, { actorId: adminId, metadata: { serviceAccountId: row.id } }));
      return true;
    });
  }

  /** The active account these credentials name, counting the attempt against the limits. */
  async function checkCredentials(account: ServiceAccountRow | null, secretOk: boolean, meta: RequestMeta) {
    const ipKey = meta.ipAddress ?? 'unknown';
    if (!account || !secretOk || !isServiceAccountActive(account, meta.now)) {
      await limiters.serviceAuthFailuresPerIp.penalize(ipKey);
      throw invalidClientCredentials();
    }
    await limiters.serviceAuthPerClient.consume(account.id);
    await repos.serviceAccounts.touch(account.id, meta.now);
    return account;
  }

  async function issueToken(clientId: string, clientSecret: string, meta: RequestMeta): Promise<ServiceTokenResult> {
    await limiters.serviceAuthFailuresPerIp.assertOpen(meta.ipAddress ?? 'unknown');
    const found = isServiceSecret(clientSecret) ? await repos.serviceAccounts.findByClientId(clientId) : null;
    const secretMatches = found !== null && secretsEqual(found.secretHash, hashServiceSecret(clientSecret));
    const account = await checkCredentials(found, secretMatches, meta);
    const claims: ServiceTokenClaims = { serviceAccountId: account.id, clientId: account.clientId, scopes: account.scopes };
    const signed = await signServiceToken(claims, deps.keys, deps.tokenSettings, meta.now);
    return { accessToken: signed.token, accessTokenExpiresAt: signed.expiresAt, scopes: account.scopes };
  }

  /** A raw secret sent as a bearer token. */
  async function authenticateSecret(secret: string, meta: RequestMeta): Promise<ServicePrincipal> {
    await limiters.serviceAuthFailuresPerIp.assertOpen(meta.ipAddress ?? 'unknown');
    const account = await repos.serviceAccounts.findBySecretHash(hashServiceSecret(secret));
    const checked = await checkCredentials(account, account !== null, meta);
    return { id: checked.id, name: checked.name, scopes: checked.scopes };
  }

  /** The principal of a verified service token, or null when its account is gone or revoked. */
  async function principalFromToken(claims: ServiceTokenClaims, now: Date): Promise<ServicePrincipal | null> {
    const account = await repos.serviceAccounts.findById(claims.serviceAccountId);
    if (!account || account.clientId !== claims.clientId || !isServiceAccountActive(account, now)) return null;
    return { id: account.id, name: account.name, scopes: effectiveScopes(claims.scopes, account.scopes) };
  }

  return {
    create,
    revoke,
    list: () => repos.serviceAccounts.list(),
    issueToken,
    authenticateSecret,
    principalFromToken,
    isServiceSecret,
  };
}

export type ServiceAccountsService = ReturnType<typeof createServiceAccountsService>;
