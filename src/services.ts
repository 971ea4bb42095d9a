/** Wires repositories and infrastructure into the domain services, once at start-up. */
import type { Logger } from 'pino';
import type { Config } from './config.js';
import type { Database } from './db/client.js';
import { createRepositories } from './db/repositories.js';
import { createCursorCodec } from './lib/cursor.js';
import { createAdminAccountsService } from './modules/admin/admin-accounts.service.js';
import { createAdminReportsService } from './modules/admin/admin-reports.service.js';
import { createAdminService } from './modules/admin/admin.service.js';
import { accessTokenSettings, createAuthService } from './modules/auth/auth.service.js';
import type { PasswordHasher } from './modules/auth/password-hasher.js';
import type { SigningKeys } from './modules/auth/signing-keys.js';
import type { RateLimiters } from './modules/rate-limit/rate-limiters.js';
import { createSessionsService } from './modules/sessions/sessions.service.js';
import { createUsersService } from './modules/users/users.service.js';

export interface ServiceDeps {
  config: Config;
  db: Database;
  hasher: PasswordHasher;
  keys: SigningKeys;
  limiters: RateLimiters;
  logger: Logger;
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
  const auth = createAuthService({
    repos,
    sessions,
    hasher: deps.hasher,
    keys: deps.keys,
    tokenSettings: accessTokenSettings(deps.config),
    limiters: deps.limiters,
    passwordPolicy: deps.config.passwords,
    logger: deps.logger,
  });
  const users = createUsersService({ repos });
  const admin = createAdminService({ repos });
  const adminAccounts = createAdminAccountsService({ repos, hasher: deps.hasher });
  const adminReports = createAdminReportsService({
    repos,
    cursors: createCursorCodec(deps.keys.deriveSecret('latchkey/pagination-cursor/v1')),
    auditBatchSize: deps.config.sessions.cleanupBatchSize,
  });
  return { auth, sessions, users, admin, adminAccounts, adminReports };
}

export type Services = ReturnType<typeof createServices>;
