/**
 * Builds a complete Latchkey instance (database, keys, services, GraphQL, HTTP) without listening,
 * so `main.ts` and the tests start exactly the same thing.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { fastifyApolloHandler } from '@as-integrations/fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyCors from '@fastify/cors';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Config, PasswordHashingParams } from './config.js';
import { openDatabase, type DatabaseHandle } from './db/client.js';
import { createApolloServer } from './graphql/apollo.js';
import { createContextFunction } from './graphql/context.js';
import { requestCeiling } from './http/request-ceiling.js';
import { RequestLogController } from './http/request-log.js';
import { registerSecurityHeaders } from './http/security-headers.js';
import { registerRoutes } from './http/routes.js';
import { createLogger } from './logger.js';
import { createPasswordHasher } from './modules/auth/password-hasher.js';
import { loadSigningKeys, type SigningKeySource } from './modules/auth/signing-keys.js';
import { avatarRoutes } from './modules/avatars/avatars.routes.js';
import { createMailer } from './modules/mail/mailer.js';
import { openRateLimitStore } from './modules/rate-limit/rate-limit-store.js';
import { createRateLimiters } from './modules/rate-limit/rate-limiters.js';
import { bootstrapAdminFromConfig } from './modules/admin/admin-bootstrap.js';
import { startPeriodicCleanup, startSessionCleanup } from './modules/sessions/session-cleanup.js';
import { createServices, type Services } from './services.js';

export interface AppOptions {
  config: Config;
  logger?: Logger;
  /** The clock every service reads; tests inject one they can move. */
  clock?: () => Date;
  /** Overrides config.passwords.hashing (tests use cheap parameters). */
  passwordHashing?: PasswordHashingParams;
  /** Sees every SQL statement (tests only: counts statements). */
  onQuery?: (sql: string) => void;
}

export interface App {
  fastify: FastifyInstance;
  services: Services;
  database: DatabaseHandle;
  close(): Promise<void>;
}

const REQUEST_ID_PATTERN = /^[A-Za-z0-9._-]{1,128}$/;

export async function createApp(options: AppOptions): Promise<App> {
  const { config } = options;
  const logger = options.logger ?? createLogger(config);
  const clock = options.clock ?? (() => new Date());
  const database = await openDatabase(config.database, config.dataDir, { onQuery: options.onQuery });
  const keys = await loadSigningKeys(signingKeySource(config));
  const hasher = await createPasswordHasher(options.passwordHashing ?? config.passwords.hashing, config.passwords.hashConcurrency);
  const rateLimitStore = openRateLimitStore(config.redis, logger);
  await rateLimitStore.ready();
  const limiters = createRateLimiters(config.rateLimits, rateLimitStore.factory);
  const mailer = createMailer({ config: config.mail, logger, logLinks: !config.isProduction });
  const services = createServices({ config, db: database.db, hasher, keys, limiters, logger, mailer });
  await bootstrapAdminFromConfig(config, services, clock(), logger).catch(async (error: unknown) => {
    await Promise.allSettled([mailer.close(), rateLimitStore.close(), database.close()]);
    throw error;
  });

  const fastify = createFastify(config, logger);
  await registerHttpPlugins(fastify, config);
  registerRoutes(fastify, { keys, ping: database.ping, readinessTimeoutMs: config.database.statementTimeoutMs });
  await fastify.register(avatarRoutes, { services, clock, maxBytes: config.uploads.avatarMaxBytes });
  const apollo = createApolloServer(config, fastify, logger);
  await apollo.start();
  const handler = fastifyApolloHandler(apollo, { context: createContextFunction({ config, services, clock }) });
  fastify.route({ url: '/graphql', method: ['GET', 'POST'], onRequest: requestCeiling(limiters.globalPerIp), handler });

  const cleanup = startCleanups(config, services, clock, logger);
  return {
    fastify,
    services,
    database,
    async close() {
      cleanup.stop();
      await fastify.close();
      await mailer.close();
      await rateLimitStore.close();
      await database.close();
    },
  };
}

export function signingKeySource(config: Config): SigningKeySource {
  return {
    privateKey: config.jwt.privateKey,
    keyId: config.jwt.keyId,
    additionalPublicKeys: config.jwt.additionalPublicKeys,
    keyDir: config.jwt.keyDir,
    developmentKeyDir: config.database.url === 'memory://' ? undefined : path.resolve(config.dataDir, 'keys'),
  };
}

/** The periodic clean-ups (ended sessions, expired audit events), on one interval setting. */
function startCleanups(config: Config, services: Services, clock: () => Date, logger: Logger) {
  const interval = config.sessions.cleanupIntervalSeconds;
  const jobs = [
    startSessionCleanup(services.sessions, interval, clock, logger),
    startPeriodicCleanup('expired audit events', (now) => services.adminReports.deleteExpiredAuditEvents(now, config.audit.retentionDays), interval, clock, logger),
  ];
  return { stop: () => jobs.forEach((job) => job.stop()) };
}

function createFastify(config: Config, logger: Logger): FastifyInstance {
  const fastify = Fastify({
    loggerInstance: logger,
    logController: new RequestLogController(),
    // Fastify accepts a hop count at run time although its types omit it.
    trustProxy: config.http.trustProxy as boolean | string[],
    bodyLimit: config.http.bodyLimitBytes,
    return503OnClosing: true,
    genReqId: (request) => {
      const incoming = request.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID_PATTERN.test(incoming) ? incoming : randomUUID();
    },
  });
  // Once closing, answers to in-flight requests end their keep-alive connection; otherwise the
  // idle sockets they leave behind would hold shutdown open for the whole keep-alive timeout.
  let closing = false;
  fastify.addHook('preClose', async () => {
    closing = true;
  });
  fastify.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
    if (closing) reply.header('connection', 'close');
  });
  fastify.setErrorHandler((error: { statusCode?: number; code?: string; message: string }, request, reply) => {
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) request.log.error({ err: error }, 'unhandled HTTP error');
    const message = status === 500 ? 'Internal server error' : error.message;
    return reply.code(status).send({ error: { code: error.code ?? `HTTP_${status}`, message } });
  });
  return fastify as unknown as FastifyInstance;
}

async function registerHttpPlugins(fastify: FastifyInstance, config: Config): Promise<void> {
  await fastify.register(fastifyCookie);
  await fastify.register(fastifyCors, {
    origin: config.http.corsOrigins.length > 0 ? config.http.corsOrigins : false,
    credentials: true,
    methods: ['GET', 'POST', 'PUT', 'DELETE'],
    allowedHeaders: ['content-type', 'authorization', 'apollo-require-preflight', 'x-apollo-operation-name', 'x-request-id'],
    maxAge: 600,
  });
  registerSecurityHeaders(fastify, config);
}
