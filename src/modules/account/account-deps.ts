import type { Logger } from 'pino';
import type { Repositories } from '../../db/repositories.js';
import type { PasswordHasher } from '../auth/password-hasher.js';
import type { PasswordPolicy } from '../auth/password-policy.js';
import type { AvatarsService } from '../avatars/avatars.service.js';
import type { AccountMail } from '../mail/account-mail.js';
import type { OneTimeTokensService } from '../one-time-tokens/one-time-tokens.service.js';
import type { RateLimiters } from '../rate-limit/rate-limiters.js';
import type { AccountGuards } from './account-guards.js';

/** What the account services share. Mail is dispatched only after a transaction has committed. */
export interface AccountDeps {
  repos: Repositories;
  tokens: OneTimeTokensService;
  mail: AccountMail;
  guards: AccountGuards;
  hasher: PasswordHasher;
  limiters: RateLimiters;
  passwordPolicy: PasswordPolicy;
  avatars: AvatarsService;
  logger: Logger;
}
