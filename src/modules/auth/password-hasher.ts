/**
 * argon2id hashing through @node-rs/argon2, which runs on libuv's thread pool so hashing never
 * blocks the event loop. `verifyOrDummy` spends the same work when no user exists, so login takes
 * about the same time for an unknown email as for a wrong password. At most `concurrency`
 * operations run at once (config.passwords.hashConcurrency); the others wait in a queue here
 * rather than in the thread pool, where they would delay every JWT check behind them.
 */
import { randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import pLimit from 'p-limit';
import type { PasswordHashingParams } from '../../config.js';

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(phc: string, password: string): Promise<boolean>;
  /** Verifies against `phc`, or against a dummy hash when it is null (always false then). */
  verifyOrDummy(phc: string | null, password: string): Promise<boolean>;
}

/** `concurrency`: config.passwords.hashConcurrency for the server; one-shot tools hash one at a time. */
export async function createPasswordHasher(params: PasswordHashingParams, concurrency = 1): Promise<PasswordHasher> {
  const limit = pLimit(concurrency);
  const hashPassword = (password: string) => limit(() => hash(password, { ...params, outputLen: 32 }));
  const dummyHash = await hashPassword(randomBytes(32).toString('base64url'));
  const safeVerify = async (phc: string, password: string) => {
    try {
      return await limit(() => verify(phc, password));
    } catch {
      return false;
    }
  };
  return {
    hash: hashPassword,
    verify: safeVerify,
    async verifyOrDummy(phc, password) {
      const ok = await safeVerify(phc ?? dummyHash, password);
      return phc !== null && ok;
    },
  };
}
