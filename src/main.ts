/** Entry point: `npm start`. Reads config, starts the server, shuts down gracefully on signals. */
import cluster from 'node:cluster';
import closeWithGrace from 'close-with-grace';
import type { Logger } from 'pino';
import { createApp } from './app.js';
import { runPrimary } from './cluster.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { createLogger } from './logger.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config);
  if (config.webConcurrency > 1 && cluster.isPrimary) return runPrimary(config, logger);
  return runServer(config, logger);
}

/** One Latchkey serving HTTP: the whole process, or one cluster worker. */
async function runServer(config: Config, logger: Logger): Promise<void> {
  const app = await createApp({ config, logger });
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
