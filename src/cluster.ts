/**
 * WEB_CONCURRENCY > 1: this process becomes a node:cluster primary that prepares shared state once
 * (migrations under PostgreSQL's advisory lock, the development signing key) and then runs that
 * many workers, each a complete Latchkey sharing the port. Workers hold no state that must be
 * shared: sessions and revocations live in PostgreSQL, rate limits in Redis, keys in config.
 * SIGTERM/SIGINT are passed to every worker, which drains its requests (close-with-grace); the
 * primary exits 0 once all have exited, or kills stragglers after the grace period.
 */
import cluster, { type Worker } from 'node:cluster';
import type { Logger } from 'pino';
import { signingKeySource } from './app.js';
import type { Config } from './config.js';
import { openDatabase } from './db/client.js';
import { loadSigningKeys } from './modules/auth/signing-keys.js';

const RESTART_DELAY_MS = 1000;

export async function runPrimary(config: Config, logger: Logger): Promise<void> {
  const database = await openDatabase(config.database, config.dataDir);
  await database.close();
  await loadSigningKeys(signingKeySource(config));
  let stopping = false;
  const fork = () => cluster.fork().on('online', () => logger.debug('worker online'));
  for (let i = 0; i < config.webConcurrency; i += 1) fork();
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    logger.error({ pid: worker.process.pid, code, signal }, 'worker exited unexpectedly; starting a new one');
    // A pause, so a worker that cannot start (database down) does not spin the CPU.
    setTimeout(() => stopping || fork(), RESTART_DELAY_MS);
  });
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal, workers: liveWorkers().length }, 'shutting down workers');
    for (const worker of liveWorkers()) worker.process.kill('SIGTERM');
    const deadline = setTimeout(() => {
      for (const worker of liveWorkers()) worker.process.kill('SIGKILL');
      process.exit(1);
    }, config.http.shutdownGraceMs + 2000);
    deadline.unref();
    void allExited().then(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  logger.info({ workers: config.webConcurrency, port: config.port }, 'Latchkey primary started');
}

function liveWorkers(): Worker[] {
  return Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined && !w.isDead());
}

async function allExited(): Promise<void> {
  while (liveWorkers().length > 0) await new Promise((resolve) => setTimeout(resolve, 50));
}
