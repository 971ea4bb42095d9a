/**
 * Redis for tests: TEST_REDIS_URL, else redis://127.0.0.1:6379 when something answers PING there.
 * Tests that need it skip cleanly (it.skipIf) when none is reachable.
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';

export async function reachableRedisUrl(): Promise<string | null> {
  const url = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
  const client = new Redis(url, { lazyConnect: true, connectTimeout: 500, maxRetriesPerRequest: 0, retryStrategy: () => null });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.ping();
    return url;
  } catch {
    return null;
  } finally {
    client.disconnect();
  }
}

/** A key prefix no other test run shares. */
export function uniqueKeyPrefix(): string {
  return `latchkey-test:${randomBytes(6).toString('hex')}:`;
}

