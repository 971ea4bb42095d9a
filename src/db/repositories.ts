/**
 * The set of repositories a service works with, bound either to the database or to one
 * transaction. `transaction` runs a callback with every repository bound to the same transaction,
 * so a multi-step change (and its audit record) commits or rolls back as one.
 */
import { createAccountRepository } from '../modules/account/account.repository.js';
import { createAdminRepository } from '../modules/admin/admin.repository.js';
import { createAuditRepository } from '../modules/audit/audit.repository.js';
import { createAvatarsRepository } from '../modules/avatars/avatars.repository.js';
import { createOneTimeTokensRepository } from '../modules/one-time-tokens/one-time-tokens.repository.js';
import { createServiceAccountsRepository } from '../modules/service-accounts/service-accounts.repository.js';
import { createSessionsRepository } from '../modules/sessions/sessions.repository.js';
import { createUsersRepository } from '../modules/users/users.repository.js';
import type { Database } from './client.js';

export interface Repositories {
  users: ReturnType<typeof createUsersRepository>;
  sessions: ReturnType<typeof createSessionsRepository>;
  audit: ReturnType<typeof createAuditRepository>;
  account: ReturnType<typeof createAccountRepository>;
  oneTimeTokens: ReturnType<typeof createOneTimeTokensRepository>;
  avatars: ReturnType<typeof createAvatarsRepository>;
  serviceAccounts: ReturnType<typeof createServiceAccountsRepository>;
  admin: ReturnType<typeof createAdminRepository>;
  transaction<T>(work: (repos: Repositories) => Promise<T>): Promise<T>;
}

export function createRepositories(db: Database): Repositories {
  return {
    users: createUsersRepository(db),
    sessions: createSessionsRepository(db),
    audit: createAuditRepository(db),
    account: createAccountRepository(db),
    oneTimeTokens: createOneTimeTokensRepository(db),
    avatars: createAvatarsRepository(db),
    serviceAccounts: createServiceAccountsRepository(db),
    admin: createAdminRepository(db),
    transaction: (work) => db.transaction((tx) => work(createRepositories(tx as unknown as Database))),
  };
}
