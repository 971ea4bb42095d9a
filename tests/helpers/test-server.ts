/**
 * `createTestServer()` starts a real Latchkey over real HTTP on an ephemeral port, on in-memory
 * PGlite (or a fresh PostgreSQL database when TEST_DATABASE_URL is set), with a movable clock and
 * cheap argon2 parameters (tests only). Share one per test file: a PGlite instance is costly.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Logger } from 'pino';
import { createApp, type App } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/config.js';
import { createTestClock, type TestClock } from './test-clock.js';
import { createTestDatabase } from './test-database.js';
import { GraphQLClient } from './graphql-client.js';

/** Argon2id at its cheapest: tests exercise the code path, not the cost. */
export const CHEAP_HASHING = { memoryCost: 64, timeCost: 1, parallelism: 1 };

export interface TestServer {
  url: string;
  app: App;
  config: Config;
  clock: TestClock;
  /** A client with its own cookie jar, as a separate browser would be. */
  client(options?: { userAgent?: string }): GraphQLClient;
  /** Runs `work` and returns its result with every SQL statement the server sent meanwhile. */
  statementsDuring<T>(work: () => Promise<T>): Promise<{ result: T; statements: string[] }>;
  close(): Promise<void>;
}

export interface TestServerOptions {
  /** Receives the server's logs (default: a logger at TEST_LOG_LEVEL, silent). */
  logger?: Logger;
}

export async function createTestServer(env: Record<string, string> = {}, options: TestServerOptions = {}): Promise<TestServer> {
  const database = await createTestDatabase();
  // Local state (outbox .eml files, development keys, uploads) goes to a directory of its own.
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'latchkey-test-'));
  const config = loadConfig({
    DATA_DIR: dataDir,
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    DATABASE_URL: database.url,
    PORT: '0',
    SESSION_CLEANUP_INTERVAL_SECONDS: '0',
    // Every test client comes from 127.0.0.1; files that test these limits set their own.
    REGISTER_MAX_PER_IP: '10000',
    LOGIN_MAX_FAILURES_PER_IP: '10000',
    ...env,
  });
  const clock = createTestClock();
  let recording: string[] | null = null;
  const onQuery = (sql: string) => recording?.push(sql);
  const app = await createApp({ config, clock: clock.now, passwordHashing: CHEAP_HASHING, onQuery, logger: options.logger });
  await app.fastify.listen({ host: '127.0.0.1', port: 0 });
  const address = app.fastify.server.address();
  if (!address || typeof address === 'string') throw new Error('server did not bind a TCP port');
  const url = `http://127.0.0.1:${address.port}`;
  return {
    url,
    app,
    config,
    clock,
    client: (options) => new GraphQLClient(url, options),
    async statementsDuring(work) {
      const statements: string[] = [];
      recording = statements;
      try {
        return { result: await work(), statements };
      } finally {
        recording = null;
      }
    },
    async close() {
      await app.close();
      await database.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
