/**
 * Issues and redeems one-time tokens inside the caller's transaction, so a token is created
 * together with the request that needs it and consumed together with the change it authorises.
 * Only the SHA-256 hash is stored; the raw token leaves here once, for the email link.
 */
import type { Repositories } from '../../db/repositories.js';
import type { OneTimeTokenRow } from '../../db/schema.js';
import { generateSecureToken, hashSecureToken, isWellFormedToken } from '../../lib/secure-token.js';
import { isTokenUsable, tokenExpiresAt, type OneTimeTokenPurpose, type TokenTtls } from './one-time-token.js';

export interface RedeemRequest {
  token: string;
  purpose: OneTimeTokenPurpose;
  now: Date;
  /** The signed-in user, when there is one: another user's token is then refused. */
  userId?: string;
}

const NIL_USER_ID = '00000000-0000-0000-0000-000000000000';

export function createOneTimeTokensService(ttls: TokenTtls) {
  const criteria = (request: RedeemRequest) =>
    isWellFormedToken(request.token)
      ? { tokenHash: hashSecureToken(request.token), purpose: request.purpose, now: request.now, userId: request.userId }
      : null;

  /** A new token for the user; earlier unused tokens of the same purpose stop working. */
  async function issue(
    tx: Repositories,
    userId: string,
    purpose: OneTimeTokenPurpose,
    now: Date,
    payload: Record<string, string> | null = null,
  ): Promise<string> {
    const token = generateSecureToken();
    await tx.oneTimeTokens.invalidate(userId, [purpose], now);
    await tx.oneTimeTokens.insert({ userId, purpose, tokenHash: hashSecureToken(token), payload, createdAt: now, expiresAt: tokenExpiresAt(purpose, now, ttls) });
    return token;
  }

  /**
   * The database work of `issue` for an address without an account (the same UPDATE, against a
   * user id that cannot exist), so that both answers take about as long. Issues nothing.
   */
  async function issueNothing(tx: Repositories, now: Date): Promise<null> {
    hashSecureToken(generateSecureToken());
    await tx.oneTimeTokens.invalidate(NIL_USER_ID, ['PASSWORD_RESET'], now);
    return null;
  }

  async function peek(repos: Repositories, request: RedeemRequest): Promise<OneTimeTokenRow | null> {
    const where = criteria(request);
    return where ? repos.oneTimeTokens.findUsable(where) : null;
  }

  async function consume(tx: Repositories, request: RedeemRequest): Promise<OneTimeTokenRow | null> {
    const where = criteria(request);
    const row = where ? await tx.oneTimeTokens.consume(where) : null;
    // The UPDATE already checked this; the pure rule is a second lock against a query regression.
    if (!row || !isTokenUsable({ ...row, consumedAt: null }, request.purpose, request.now)) return null;
    return row;
  }

  return { issue, issueNothing, peek, consume };
}

export type OneTimeTokensService = ReturnType<typeof createOneTimeTokensService>;
