/** Entry point: `npm start`. Reads config, starts the server, shuts down gracefully on signals. */
import cluster from 'node:cluster';
import v8 from 'node:v8';
import closeWithGrace from 'close-with-grace';
import type { Logger } from 'pino';
import { createApp } from './app.js';
import { runPrimary } from './cluster.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { lowerThreadPoolPriority } from './lib/thread-pool-priority.js';
import { createLogger } from './logger.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config);
  if (config.webConcurrency > 1 && cluster.isPrimary) return runPrimary(config, logger);
  return runServer(config, logger);
}

/*
 * Between full collections V8 lets the old generation grow up to 4x what survived the last one.
 * Under load nearly all of that growth is request garbage promoted from the young generation, so a
 * server with ~30 MB of live heap sat 60-90 MB above it. 1.25x keeps the heap near its live set;
 * the extra full collections cost no measurable CPU per request (bench/README.md, change 12).
 */
const HEAP_GROWING_PERCENT = 25;

/** One Latchkey serving HTTP: the whole process, or one cluster worker. */
async function runServer(config: Config, logger: Logger): Promise<void> {
  v8.setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  const app = await createApp({ config, logger });
  // After createApp: the password hasher's start-up hash has started libuv's pool by now.
  const { size, niceness } = config.passwords.threadPool;
  const lowered = await lowerThreadPoolPriority(size, niceness);
  if (niceness > 0) logger.debug({ threads: lowered, niceness }, 'thread pool priority lowered');
  closeWithGrace({ delay: config.http.shutdownGraceMs }, async ({ signal, err }) => {
    if (err) logger.error({ err }, 'shutting down after an error');
    else logger.info({ signal }, 'shutting down');
    await app.close();
  });
  const address = await app.fastify.listen({ host: config.host, port: config.port });
  logger.info(
    { url: `${address}/graphql`, database: app.database.driver, env: config.env },
    'Latchkey is ready',
  );
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
  } else {
    console.error('Latchkey failed to start:', error);
  }
  process.exit(1);
});
