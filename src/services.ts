/** Wires repositories and infrastructure into the domain services, once at start-up. */
import type { Logger } from 'pino';
import type { Config } from './config.js';
import type { Database } from './db/client.js';
import { createRepositories } from './db/repositories.js';
import { accessTokenSettings, createAuthService } from './modules/auth/auth.service.js';
import type { PasswordHasher } from './modules/auth/password-hasher.js';
import type { SigningKeys } from './modules/auth/signing-keys.js';
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
    serviceAccounts,
  });
  const users = createUsersService({ repos });
  return { auth, sessions, users, serviceAccounts };
}

export type Services = ReturnType<typeof createServices>;
