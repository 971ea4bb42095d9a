/**
 * The one place that reads the environment. `loadConfig()` parses it once with zod; a bad value
 * stops start-up with a message naming the variable. Everything else receives the typed `Config`.
 */
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');
const int = (min: number, max = Number.MAX_SAFE_INTEGER) => z.coerce.number().int().min(min).max(max);
const list = z.string().transform((v) =>
  v.split(',').map((s) => s.trim()).filter((s) => s.length > 0),
);

/** Exact origins (scheme://host[:port]); a wildcard with credentials would let any site act as the user. */
const corsOrigins = list.refine((origins) => origins.every((o) => o !== '*' && /^https?:\/\/[^/\s*]+$/.test(o)), {
  message: 'must be comma-separated origins like https://app.example.com; "*" is not allowed with credentials',
});

const trustProxy = z.string().transform((value, ctx): boolean | number | string[] => {
  if (value === 'true' || value === 'false') return value === 'true';
  if (/^\d+$/.test(value)) return Number(value);
  const entries = value.split(',').map((s) => s.trim()).filter(Boolean);
  if (entries.length === 0) ctx.addIssue({ code: 'custom', message: 'expected true, false, a hop count or IPs/CIDRs' });
  return entries;
});

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: int(0, 65535).default(4000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATA_DIR: z.string().min(1).default('.data'),
  DATABASE_URL: z
    .string()
    .regex(/^(memory:\/\/|postgres(ql)?:\/\/)/, 'must be memory:// or a postgres:// URL')
    .optional(),
  DATABASE_POOL_MAX: int(1, 1000).default(10),
  DATABASE_CONNECT_TIMEOUT_SECONDS: int(1, 300).default(5),
  DATABASE_STATEMENT_TIMEOUT_MS: int(100, 600_000).default(5000),
  PUBLIC_URL: z.url().optional(),
  JWT_ISSUER: z.string().min(1).optional(),
  JWT_AUDIENCE: z.string().min(1).default('latchkey'),
  JWT_PRIVATE_KEY: z.string().min(1).optional(),
  JWT_KEY_ID: z.string().min(1).max(128).optional(),
  JWT_ADDITIONAL_PUBLIC_KEYS: z.string().min(1).optional(),
  ACCESS_TOKEN_TTL_SECONDS: int(30, 86_400).default(900),
  SESSION_IDLE_TTL_SECONDS: int(60).default(7 * 86_400),
  SESSION_ABSOLUTE_TTL_SECONDS: int(60).default(30 * 86_400),
  REFRESH_REUSE_GRACE_SECONDS: int(0, 300).default(10),
  SESSION_CLEANUP_INTERVAL_SECONDS: int(0).default(3600),
  SESSION_CLEANUP_RETENTION_SECONDS: int(0).default(7 * 86_400),
  SESSION_CLEANUP_BATCH_SIZE: int(1, 100_000).default(1000),
  COOKIE_SECURE: bool.optional(),
  COOKIE_SAME_SITE: z.enum(['strict', 'lax', 'none']).default('strict'),
  COOKIE_NAME: z.string().regex(/^[A-Za-z0-9_-]+$/).default('latchkey_refresh'),
  CORS_ORIGINS: corsOrigins.optional(),
  TRUST_PROXY: trustProxy.default(false),
  BODY_LIMIT_BYTES: int(1024, 50 * 1024 * 1024).default(100 * 1024),
  GRAPHQL_INTROSPECTION: bool.optional(),
  GRAPHQL_LANDING_PAGE: bool.optional(),
  PASSWORD_MIN_LENGTH: int(8, 128).default(12),
  PASSWORD_MIN_STRENGTH: int(0, 4).default(3),
  LOGIN_MAX_FAILURES_PER_ACCOUNT: int(1).default(10),
  LOGIN_ACCOUNT_WINDOW_SECONDS: int(1).default(900),
  LOGIN_MAX_FAILURES_PER_IP: int(1).default(100),
  LOGIN_IP_WINDOW_SECONDS: int(1).default(3600),
  REGISTER_MAX_PER_IP: int(1).default(10),
  REGISTER_IP_WINDOW_SECONDS: int(1).default(3600),
  REFRESH_MAX_PER_SESSION: int(1).default(60),
  REFRESH_SESSION_WINDOW_SECONDS: int(1).default(60),
  SHUTDOWN_GRACE_MS: int(0, 600_000).default(10_000),
  // Account lifecycle and email (issue 3)
  APP_NAME: z.string().min(1).max(64).default('Latchkey'),
  APP_URL: z.url({ protocol: /^https?$/ }).default('http://localhost:5173'),
  SMTP_URL: z.string().regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL').optional(),
  MAIL_FROM: z.string().min(3).default('Latchkey <no-reply@localhost>'),
  MAIL_TIMEOUT_MS: int(100, 120_000).default(10_000),
  MAIL_RETRIES: int(0, 10).default(3),
  MAIL_RETRY_DELAY_MS: int(0, 600_000).default(2000),
  REQUIRE_EMAIL_VERIFICATION: bool.default(false),
  EMAIL_VERIFICATION_TTL_SECONDS: int(60).default(24 * 3600),
  PASSWORD_RESET_TTL_SECONDS: int(60).default(30 * 60),
  EMAIL_CHANGE_TTL_SECONDS: int(60).default(3600),
  ACCOUNT_MAIL_MAX_PER_ACCOUNT: int(1).default(3),
  ACCOUNT_MAIL_ACCOUNT_WINDOW_SECONDS: int(1).default(3600),
  ACCOUNT_MAIL_MAX_PER_IP: int(1).default(20),
  ACCOUNT_MAIL_IP_WINDOW_SECONDS: int(1).default(3600),
  UPLOAD_DIR: z.string().min(1).optional(),
  AVATAR_MAX_BYTES: int(1024, 50 * 1024 * 1024).default(2 * 1024 * 1024),
  // Abuse resistance and scale-out (issue 5).
  WEB_CONCURRENCY: int(1, 64).default(1),
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL').optional(),
  REDIS_KEY_PREFIX: z.string().max(64).default('latchkey:rl:'),
  REDIS_COMMAND_TIMEOUT_MS: int(10, 60_000).default(500),
  GLOBAL_MAX_PER_IP: int(1).default(1000),
  GLOBAL_IP_WINDOW_SECONDS: int(1).default(60),
  HSTS: bool.optional(),
  GRAPHQL_MAX_DEPTH: int(1, 100).default(8),
  GRAPHQL_MAX_ALIASES: int(0, 1000).default(15),
  GRAPHQL_MAX_DIRECTIVES: int(0, 1000).default(5),
  GRAPHQL_MAX_TOKENS: int(10, 1_000_000).default(400),
  GRAPHQL_MAX_COST: int(1).default(20_000),
  GRAPHQL_HIDE_SUGGESTIONS: bool.optional(),
  JWT_KEY_DIR: z.string().min(1).optional(),
  SERVICE_TOKEN_TTL_SECONDS: int(30, 3600).default(300),
  SERVICE_AUTH_MAX_PER_CLIENT: int(1).default(600),
  SERVICE_AUTH_CLIENT_WINDOW_SECONDS: int(1).default(60),
  SERVICE_AUTH_MAX_FAILURES_PER_IP: int(1).default(20),
  SERVICE_AUTH_IP_WINDOW_SECONDS: int(1).default(300),
  BOOTSTRAP_ADMIN_EMAIL: z.string().min(1).optional(),
  BOOTSTRAP_ADMIN_PASSWORD: z.string().min(1).optional(),
  AUDIT_RETENTION_DAYS: int(0, 36_500).default(90),
  // Performance (issue 7)
  UV_THREADPOOL_SIZE: int(1, 1024).default(4),
  PASSWORD_HASH_CONCURRENCY: int(1, 1024).optional(),
});

export type Env = z.infer<typeof envSchema>;

export interface PasswordHashingParams {
  memoryCost: number;
  timeCost: number;
  parallelism: number;
}

export interface RateLimitRule {
  points: number;
  durationSeconds: number;
}

export interface Config {
  env: Env['NODE_ENV'];
  isProduction: boolean;
  host: string;
  port: number;
  logLevel: Env['LOG_LEVEL'];
  dataDir: string;
  database: {
    /** `undefined`: PGlite persisted under dataDir; `memory://`: in-memory PGlite; else a server. */
    url: string | undefined;
    poolMax: number;
    connectTimeoutSeconds: number;
    statementTimeoutMs: number;
  };
  jwt: {
    issuer: string;
    audience: string;
    privateKey: string | undefined;
    keyId: string | undefined;
    additionalPublicKeys: string | undefined;
    accessTokenTtlSeconds: number;
    /** Directory of key files (*.json JWKs, *.pem); see signing-keys.ts. */
    keyDir: string | undefined;
    serviceTokenTtlSeconds: number;
  };
  sessions: {
    idleTtlSeconds: number;
    absoluteTtlSeconds: number;
    reuseGraceSeconds: number;
    cleanupIntervalSeconds: number;
    cleanupRetentionSeconds: number;
    cleanupBatchSize: number;
  };
  cookie: { secure: boolean; sameSite: 'strict' | 'lax' | 'none'; name: string };
  http: {
    corsOrigins: string[];
    trustProxy: boolean | number | string[];
    bodyLimitBytes: number;
    shutdownGraceMs: number;
    /** Strict-Transport-Security; only meaningful when clients reach us over TLS. */
    hsts: boolean;
  };
  graphql: { introspection: boolean; landingPage: boolean; hideSuggestions: boolean; limits: GraphQLLimits };
  /** Worker processes (node:cluster) on this machine. */
  webConcurrency: number;
  /** Shared rate-limit store; undefined keeps limits in process memory. */
  redis: { url: string; keyPrefix: string; commandTimeoutMs: number } | undefined;
  passwords: {
    minLength: number;
    maxLength: number;
    minStrength: number;
    hashing: PasswordHashingParams;
    /** argon2 operations at once; the rest wait in line, leaving pool threads for WebCrypto. */
    hashConcurrency: number;
  };
  rateLimits: {
    loginFailuresPerAccount: RateLimitRule;
    loginFailuresPerIp: RateLimitRule;
    registerPerIp: RateLimitRule;
    refreshPerSession: RateLimitRule;
    accountMailPerAccount: RateLimitRule;
    accountMailPerIp: RateLimitRule;
    globalPerIp: RateLimitRule;
    serviceAuthPerClient: RateLimitRule;
    serviceAuthFailuresPerIp: RateLimitRule;
  };
  /** First administrator created at start-up when the service has none (both set or neither). */
  bootstrapAdmin: { email: string; password: string } | null;
  /** Audit events older than this are deleted by the periodic cleanup; 0 keeps them forever. */
  audit: { retentionDays: number };
  /** Where links in emails and stored avatar URLs point. */
  publicUrl: string;
  mail: MailConfig;
  account: AccountConfig;
  uploads: { dir: string; avatarMaxBytes: number };
}

export interface MailConfig {
  appName: string;
  /** The SPA's origin; every link in a message starts here, never at a request's Host header. */
  appUrl: string;
  /** Undefined: messages are written as .eml files under `outboxDir` instead of being sent. */
  smtpUrl: string | undefined;
  from: string;
  outboxDir: string;
  timeoutMs: number;
  retries: number;
  retryDelayMs: number;
}

export interface AccountConfig {
  requireEmailVerification: boolean;
  tokenTtlSeconds: { EMAIL_VERIFICATION: number; PASSWORD_RESET: number; EMAIL_CHANGE: number };
}

export interface GraphQLLimits {
  maxDepth: number;
  maxAliases: number;
  maxDirectives: number;
  maxTokens: number;
  maxCost: number;
}

export class ConfigError extends Error {}

/** OWASP's argon2id baseline (m=19 MiB, t=2, p=1). */
export const DEFAULT_PASSWORD_HASHING: PasswordHashingParams = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };

/**
 * argon2 and WebCrypto (JWT signing and verification) share libuv's thread pool. Hashes beyond
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
  return toConfig(parsed.data);
}

function toConfig(env: Env): Config {
  const isProduction = env.NODE_ENV === 'production';
  const publicUrl = env.PUBLIC_URL ?? `http://${env.HOST === '0.0.0.0' ? '127.0.0.1' : env.HOST}:${env.PORT}`;
  const cookieSecure = env.COOKIE_SECURE ?? true;
  if (env.COOKIE_SAME_SITE === 'none' && !cookieSecure) {
    throw new ConfigError('Invalid configuration:\n  COOKIE_SAME_SITE: "none" requires COOKIE_SECURE=true');
  }
  if (Boolean(env.BOOTSTRAP_ADMIN_EMAIL) !== Boolean(env.BOOTSTRAP_ADMIN_PASSWORD)) {
    throw new ConfigError('Invalid configuration:\n  BOOTSTRAP_ADMIN_EMAIL and BOOTSTRAP_ADMIN_PASSWORD must be set together');
  }
  if (isProduction && !env.JWT_PRIVATE_KEY && !env.JWT_KEY_DIR) {
    throw new ConfigError('Invalid configuration:\n  JWT_PRIVATE_KEY: required when NODE_ENV=production (or JWT_KEY_DIR)');
  }
  checkScaleOut(env, isProduction);
  return {
    env: env.NODE_ENV,
    isProduction,
    host: env.HOST,
    port: env.PORT,
    logLevel: env.LOG_LEVEL,
    dataDir: env.DATA_DIR,
    database: {
      url: env.DATABASE_URL,
      poolMax: env.DATABASE_POOL_MAX,
      connectTimeoutSeconds: env.DATABASE_CONNECT_TIMEOUT_SECONDS,
      statementTimeoutMs: env.DATABASE_STATEMENT_TIMEOUT_MS,
    },
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
      cleanupIntervalSeconds: env.SESSION_CLEANUP_INTERVAL_SECONDS,
      cleanupRetentionSeconds: env.SESSION_CLEANUP_RETENTION_SECONDS,
      cleanupBatchSize: env.SESSION_CLEANUP_BATCH_SIZE,
    },
    cookie: { secure: cookieSecure, sameSite: env.COOKIE_SAME_SITE, name: env.COOKIE_NAME },
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
    webConcurrency: env.WEB_CONCURRENCY,
    redis: env.REDIS_URL
      ? { url: env.REDIS_URL, keyPrefix: env.REDIS_KEY_PREFIX, commandTimeoutMs: env.REDIS_COMMAND_TIMEOUT_MS }
      : undefined,
    passwords: {
      minLength: env.PASSWORD_MIN_LENGTH,
      maxLength: 128,
      minStrength: env.PASSWORD_MIN_STRENGTH,
      hashing: DEFAULT_PASSWORD_HASHING,
      hashConcurrency: env.PASSWORD_HASH_CONCURRENCY ?? defaultHashConcurrency(env.UV_THREADPOOL_SIZE, availableParallelism(), env.WEB_CONCURRENCY),
    },
    rateLimits: {
      loginFailuresPerAccount: { points: env.LOGIN_MAX_FAILURES_PER_ACCOUNT, durationSeconds: env.LOGIN_ACCOUNT_WINDOW_SECONDS },
      loginFailuresPerIp: { points: env.LOGIN_MAX_FAILURES_PER_IP, durationSeconds: env.LOGIN_IP_WINDOW_SECONDS },
      registerPerIp: { points: env.REGISTER_MAX_PER_IP, durationSeconds: env.REGISTER_IP_WINDOW_SECONDS },
      refreshPerSession: { points: env.REFRESH_MAX_PER_SESSION, durationSeconds: env.REFRESH_SESSION_WINDOW_SECONDS },
      accountMailPerAccount: { points: env.ACCOUNT_MAIL_MAX_PER_ACCOUNT, durationSeconds: env.ACCOUNT_MAIL_ACCOUNT_WINDOW_SECONDS },
      accountMailPerIp: { points: env.ACCOUNT_MAIL_MAX_PER_IP, durationSeconds: env.ACCOUNT_MAIL_IP_WINDOW_SECONDS },
      globalPerIp: { points: env.GLOBAL_MAX_PER_IP, durationSeconds: env.GLOBAL_IP_WINDOW_SECONDS },
      serviceAuthPerClient: { points: env.SERVICE_AUTH_MAX_PER_CLIENT, durationSeconds: env.SERVICE_AUTH_CLIENT_WINDOW_SECONDS },
      serviceAuthFailuresPerIp: { points: env.SERVICE_AUTH_MAX_FAILURES_PER_IP, durationSeconds: env.SERVICE_AUTH_IP_WINDOW_SECONDS },
    },
    publicUrl: publicUrl.replace(/\/+$/, ''),
    ...accountSettings(env),
    bootstrapAdmin:
      env.BOOTSTRAP_ADMIN_EMAIL && env.BOOTSTRAP_ADMIN_PASSWORD
        ? { email: env.BOOTSTRAP_ADMIN_EMAIL, password: env.BOOTSTRAP_ADMIN_PASSWORD }
        : null,
    audit: { retentionDays: env.AUDIT_RETENTION_DAYS },
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

/**
 * Several workers must share everything: an on-disk PGlite can be opened by one process only, and
 * in-memory rate limits would be multiplied by the number of workers.
 */
function checkScaleOut(env: Env, isProduction: boolean): void {
  if (env.WEB_CONCURRENCY === 1) return;
  if (!env.DATABASE_URL?.startsWith('postgres')) {
    throw new ConfigError('Invalid configuration:\n  WEB_CONCURRENCY: more than 1 worker requires a postgres:// DATABASE_URL (PGlite is single-process)');
  }
  if (isProduction && !env.REDIS_URL) {
    throw new ConfigError('Invalid configuration:\n  WEB_CONCURRENCY: more than 1 worker in production requires REDIS_URL (shared rate limits)');
  }
}
