/**
 * The one place that reads the environment. `loadConfig()` parses it once with zod (the variables
 * are declared in config/env.ts); a bad value stops start-up with a message naming the variable.
 * Everything else receives the typed `Config` (config/types.ts).
 */
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { envSchema, type Env } from './config/env.js';
import type { Config, PasswordHashingParams } from './config/types.js';

export type { Env } from './config/env.js';
export type { AccountConfig, Config, GraphQLLimits, MailConfig, PasswordHashingParams, RateLimitRule } from './config/types.js';

export class ConfigError extends Error {}

/** OWASP's argon2id baseline (m=19 MiB, t=2, p=1). */
export const DEFAULT_PASSWORD_HASHING: PasswordHashingParams = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };

/**
 * argon2 and WebCrypto (JWT verification) share libuv's thread pool. Hashes beyond
 * the CPU count add no throughput, and a pool full of queued hashes makes every JWT check wait
 * behind them; so hash on at most one thread per CPU (shared among the cluster's worker
 * processes, each with its own pool) and never on a worker's whole pool.
 */
export function defaultHashConcurrency(threadPoolSize: number, cpus = availableParallelism(), workers = 1): number {
  return Math.max(1, Math.min(Math.ceil(cpus / workers), threadPoolSize - 1));
}

export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const raw = Object.fromEntries(
    Object.entries(source).filter(([key, value]) => key in envSchema.shape && value !== ''),
  );
  const parsed = envSchema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  checkCombinations(parsed.data);
  return toConfig(parsed.data);
}

const invalid = (line: string) => new ConfigError(`Invalid configuration:\n  ${line}`);

/** Rules that involve several variables at once. */
function checkCombinations(env: Env): void {
  const isProduction = env.NODE_ENV === 'production';
  if (env.COOKIE_SAME_SITE === 'none' && env.COOKIE_SECURE === false) {
    throw invalid('COOKIE_SAME_SITE: "none" requires COOKIE_SECURE=true');
  }
  if (Boolean(env.BOOTSTRAP_ADMIN_EMAIL) !== Boolean(env.BOOTSTRAP_ADMIN_PASSWORD)) {
    throw invalid('BOOTSTRAP_ADMIN_EMAIL and BOOTSTRAP_ADMIN_PASSWORD must be set together');
  }
  if (isProduction && !env.JWT_PRIVATE_KEY && !env.JWT_KEY_DIR) {
    throw invalid('JWT_PRIVATE_KEY: required when NODE_ENV=production (or JWT_KEY_DIR)');
  }
  if (env.SESSION_RENEWAL_INTERVAL_SECONDS * 2 > env.SESSION_IDLE_TTL_SECONDS) {
    throw invalid('SESSION_RENEWAL_INTERVAL_SECONDS: at most half of SESSION_IDLE_TTL_SECONDS');
  }
  checkScaleOut(env, isProduction);
}

/**
 * Several workers must share everything: an on-disk PGlite can be opened by one process only, and
 * in-memory rate limits would be multiplied by the number of workers.
 */
function checkScaleOut(env: Env, isProduction: boolean): void {
  if (env.WEB_CONCURRENCY === 1) return;
  if (!env.DATABASE_URL?.startsWith('postgres')) {
    throw invalid('WEB_CONCURRENCY: more than 1 worker requires a postgres:// DATABASE_URL (PGlite is single-process)');
  }
  if (isProduction && !env.REDIS_URL) {
    throw invalid('WEB_CONCURRENCY: more than 1 worker in production requires REDIS_URL (shared rate limits)');
  }
}

function toConfig(env: Env): Config {
  const isProduction = env.NODE_ENV === 'production';
  const publicUrl = env.PUBLIC_URL ?? `http://${env.HOST === '0.0.0.0' ? '127.0.0.1' : env.HOST}:${env.PORT}`;
  return {
    env: env.NODE_ENV,
    isProduction,
    host: env.HOST,
    port: env.PORT,
    logLevel: env.LOG_LEVEL,
    dataDir: env.DATA_DIR,
    publicUrl: publicUrl.replace(/\/+$/, ''),
    database: {
      url: env.DATABASE_URL,
      poolMax: env.DATABASE_POOL_MAX,
      connectTimeoutSeconds: env.DATABASE_CONNECT_TIMEOUT_SECONDS,
      statementTimeoutMs: env.DATABASE_STATEMENT_TIMEOUT_MS,
    },
    webConcurrency: env.WEB_CONCURRENCY,
    redis: env.REDIS_URL
      ? { url: env.REDIS_URL, keyPrefix: env.REDIS_KEY_PREFIX, commandTimeoutMs: env.REDIS_COMMAND_TIMEOUT_MS }
      : undefined,
    ...tokenSettings(env, publicUrl),
    ...httpSettings(env, isProduction, publicUrl),
    ...passwordSettings(env),
    rateLimits: rateLimitSettings(env),
    ...accountSettings(env),
    bootstrapAdmin:
      env.BOOTSTRAP_ADMIN_EMAIL && env.BOOTSTRAP_ADMIN_PASSWORD
        ? { email: env.BOOTSTRAP_ADMIN_EMAIL, password: env.BOOTSTRAP_ADMIN_PASSWORD }
        : null,
    audit: { retentionDays: env.AUDIT_RETENTION_DAYS },
  };
}

function tokenSettings(env: Env, publicUrl: string): Pick<Config, 'jwt' | 'sessions' | 'cookie'> {
  return {
    jwt: {
      issuer: env.JWT_ISSUER ?? publicUrl,
      audience: env.JWT_AUDIENCE,
      privateKey: env.JWT_PRIVATE_KEY,
      keyId: env.JWT_KEY_ID,
      additionalPublicKeys: env.JWT_ADDITIONAL_PUBLIC_KEYS,
      accessTokenTtlSeconds: env.ACCESS_TOKEN_TTL_SECONDS,
      keyDir: env.JWT_KEY_DIR,
      serviceTokenTtlSeconds: env.SERVICE_TOKEN_TTL_SECONDS,
    },
    sessions: {
      idleTtlSeconds: env.SESSION_IDLE_TTL_SECONDS,
      absoluteTtlSeconds: env.SESSION_ABSOLUTE_TTL_SECONDS,
      reuseGraceSeconds: env.REFRESH_REUSE_GRACE_SECONDS,
      renewalIntervalSeconds: env.SESSION_RENEWAL_INTERVAL_SECONDS,
      cleanupIntervalSeconds: env.SESSION_CLEANUP_INTERVAL_SECONDS,
      cleanupRetentionSeconds: env.SESSION_CLEANUP_RETENTION_SECONDS,
      cleanupBatchSize: env.SESSION_CLEANUP_BATCH_SIZE,
    },
    cookie: { secure: env.COOKIE_SECURE ?? true, sameSite: env.COOKIE_SAME_SITE, name: env.COOKIE_NAME },
  };
}

function httpSettings(env: Env, isProduction: boolean, publicUrl: string): Pick<Config, 'http' | 'graphql'> {
  return {
    http: {
      corsOrigins: env.CORS_ORIGINS ?? (isProduction ? [] : ['http://localhost:5173', 'http://127.0.0.1:5173']),
      trustProxy: env.TRUST_PROXY,
      bodyLimitBytes: env.BODY_LIMIT_BYTES,
      shutdownGraceMs: env.SHUTDOWN_GRACE_MS,
      hsts: env.HSTS ?? publicUrl.startsWith('https://'),
    },
    graphql: {
      introspection: env.GRAPHQL_INTROSPECTION ?? !isProduction,
      landingPage: env.GRAPHQL_LANDING_PAGE ?? !isProduction,
      hideSuggestions: env.GRAPHQL_HIDE_SUGGESTIONS ?? isProduction,
      limits: {
        maxDepth: env.GRAPHQL_MAX_DEPTH,
        maxAliases: env.GRAPHQL_MAX_ALIASES,
        maxDirectives: env.GRAPHQL_MAX_DIRECTIVES,
        maxTokens: env.GRAPHQL_MAX_TOKENS,
        maxCost: env.GRAPHQL_MAX_COST,
      },
    },
  };
}

function passwordSettings(env: Env): Pick<Config, 'passwords'> {
  const hashConcurrency =
    env.PASSWORD_HASH_CONCURRENCY ?? defaultHashConcurrency(env.UV_THREADPOOL_SIZE, availableParallelism(), env.WEB_CONCURRENCY);
  return {
    passwords: {
      minLength: env.PASSWORD_MIN_LENGTH,
      maxLength: 128,
      minStrength: env.PASSWORD_MIN_STRENGTH,
      hashing: DEFAULT_PASSWORD_HASHING,
      hashConcurrency,
      threadPool: { size: env.UV_THREADPOOL_SIZE, niceness: env.THREAD_POOL_NICE },
    },
  };
}

function rateLimitSettings(env: Env): Config['rateLimits'] {
  const rule = (points: number, durationSeconds: number) => ({ points, durationSeconds });
  return {
    loginFailuresPerAccount: rule(env.LOGIN_MAX_FAILURES_PER_ACCOUNT, env.LOGIN_ACCOUNT_WINDOW_SECONDS),
    loginFailuresPerIp: rule(env.LOGIN_MAX_FAILURES_PER_IP, env.LOGIN_IP_WINDOW_SECONDS),
    registerPerIp: rule(env.REGISTER_MAX_PER_IP, env.REGISTER_IP_WINDOW_SECONDS),
    refreshPerSession: rule(env.REFRESH_MAX_PER_SESSION, env.REFRESH_SESSION_WINDOW_SECONDS),
    accountMailPerAccount: rule(env.ACCOUNT_MAIL_MAX_PER_ACCOUNT, env.ACCOUNT_MAIL_ACCOUNT_WINDOW_SECONDS),
    accountMailPerIp: rule(env.ACCOUNT_MAIL_MAX_PER_IP, env.ACCOUNT_MAIL_IP_WINDOW_SECONDS),
    globalPerIp: rule(env.GLOBAL_MAX_PER_IP, env.GLOBAL_IP_WINDOW_SECONDS),
    serviceAuthPerClient: rule(env.SERVICE_AUTH_MAX_PER_CLIENT, env.SERVICE_AUTH_CLIENT_WINDOW_SECONDS),
    serviceAuthFailuresPerIp: rule(env.SERVICE_AUTH_MAX_FAILURES_PER_IP, env.SERVICE_AUTH_IP_WINDOW_SECONDS),
  };
}

function accountSettings(env: Env): Pick<Config, 'mail' | 'account' | 'uploads'> {
  return {
    mail: {
      appName: env.APP_NAME,
      appUrl: env.APP_URL.replace(/\/+$/, ''),
      smtpUrl: env.SMTP_URL,
      from: env.MAIL_FROM,
      outboxDir: path.join(env.DATA_DIR, 'mail'),
      timeoutMs: env.MAIL_TIMEOUT_MS,
      retries: env.MAIL_RETRIES,
      retryDelayMs: env.MAIL_RETRY_DELAY_MS,
    },
    account: {
      requireEmailVerification: env.REQUIRE_EMAIL_VERIFICATION,
      tokenTtlSeconds: {
        EMAIL_VERIFICATION: env.EMAIL_VERIFICATION_TTL_SECONDS,
        PASSWORD_RESET: env.PASSWORD_RESET_TTL_SECONDS,
        EMAIL_CHANGE: env.EMAIL_CHANGE_TTL_SECONDS,
      },
    },
    uploads: { dir: env.UPLOAD_DIR ?? path.join(env.DATA_DIR, 'uploads'), avatarMaxBytes: env.AVATAR_MAX_BYTES },
  };
}
