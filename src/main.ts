/** Entry point: `npm start`. Reads config, starts the server, shuts down gracefully on signals. */
import closeWithGrace from 'close-with-grace';
import { createApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { createLogger } from './logger.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config);
  const app = await createApp({ config, logger });
  closeWithGrace({ delay: config.http.shutdownGraceMs }, async ({ signal, err }) => {
    if (err) logger.error({ err }, 'shutting down after an error');
    else logger.info({ signal }, 'shutting down');
    await app.close();
  });
  await app.fastify.listen({ host: config.host, port: config.port });
  logger.info(
    { url: `http://${config.host}:${config.port}/graphql`, database: app.database.driver, env: config.env },
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
