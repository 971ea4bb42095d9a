/** Wires repositories and infrastructure into the domain services, once at start-up. */
import type { Logger } from 'pino';
import type { Config } from './config.js';
import type { Database } from './db/client.js';
import { createRepositories } from './db/repositories.js';
import { createAccountGuards } from './modules/account/account-guards.js';
import { createAccountService } from './modules/account/account.service.js';
import { createCursorCodec } from './lib/cursor.js';
import { createAdminAccountsService } from './modules/admin/admin-accounts.service.js';
import { createAdminReportsService } from './modules/admin/admin-reports.service.js';
import { createAdminService } from './modules/admin/admin.service.js';
import { accessTokenSettings, createAuthService } from './modules/auth/auth.service.js';
import type { PasswordHasher } from './modules/auth/password-hasher.js';
import type { SigningKeys } from './modules/auth/signing-keys.js';
import { createAvatarStorage } from './modules/avatars/avatar-storage.js';
import { createAvatarsService } from './modules/avatars/avatars.service.js';
import { createAccountMail } from './modules/mail/account-mail.js';
import type { Mailer } from './modules/mail/mailer.js';
import { createOneTimeTokensService } from './modules/one-time-tokens/one-time-tokens.service.js';
import type { RateLimiters } from './modules/rate-limit/rate-limiters.js';
import { createServiceAccountsService } from './modules/service-accounts/service-accounts.service.js';
import { createSessionsService } from './modules/sessions/sessions.service.js';
import { createUsersService } from './modules/users/users.service.js';

export interface ServiceDeps {
  config: Config;
  db: Database;
  hasher: PasswordHasher;
  keys: SigningKeys;
  limiters: RateLimiters;
  logger: Logger;
  mailer: Mailer;
}

export function createServices(deps: ServiceDeps) {
  const repos = createRepositories(deps.db);
  const sessions = createSessionsService({
    repos,
    policy: deps.config.sessions,
    cleanup: deps.config.sessions,
    limiters: deps.limiters,
    logger: deps.logger,
  });
  const { account, avatars } = createAccountServices(deps, repos);
  const serviceAccounts = createServiceAccountsService({
    repos,
    keys: deps.keys,
    tokenSettings: { ...accessTokenSettings(deps.config), ttlSeconds: deps.config.jwt.serviceTokenTtlSeconds },
    limiters: deps.limiters,
  });
  const auth = createAuthService({
    repos,
    sessions,
    hasher: deps.hasher,
    keys: deps.keys,
    tokenSettings: accessTokenSettings(deps.config),
    limiters: deps.limiters,
    passwordPolicy: deps.config.passwords,
    logger: deps.logger,
    afterSignUp: account.issueOnSignUp,
    serviceAccounts,
  });
  const users = createUsersService({ repos });
  const admin = createAdminService({ repos });
  const adminAccounts = createAdminAccountsService({ repos, hasher: deps.hasher });
  const adminReports = createAdminReportsService({
    repos,
    cursors: createCursorCodec(deps.keys.deriveSecret('latchkey/pagination-cursor/v1')),
    auditBatchSize: deps.config.sessions.cleanupBatchSize,
  });
  return { auth, sessions, users, account, avatars, serviceAccounts, admin, adminAccounts, adminReports };
}

function createAccountServices(deps: ServiceDeps, repos: ReturnType<typeof createRepositories>) {
  const { config, hasher, limiters, logger } = deps;
  const avatars = createAvatarsService({ repos, storage: createAvatarStorage(config.uploads.dir), publicUrl: config.publicUrl, logger });
  const ttls = config.account.tokenTtlSeconds;
  const account = createAccountService({
    repos,
    tokens: createOneTimeTokensService(ttls),
    mail: createAccountMail({ mailer: deps.mailer, mail: config.mail, ttls }),
    guards: createAccountGuards({ repos, hasher, limiters }),
    hasher,
    limiters,
    passwordPolicy: config.passwords,
    avatars,
    logger,
    requireEmailVerification: config.account.requireEmailVerification,
  });
  return { account, avatars };
}

export type Services = ReturnType<typeof createServices>;
