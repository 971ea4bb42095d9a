/**
 * The one place that reads the environment. `loadConfig()` parses it once with zod; a bad value
 * stops start-up with a message naming the variable. Everything else receives the typed `Config`.
 */
import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');
const int = (min: number, max = Number.MAX_SAFE_INTEGER) => z.coerce.number().int().min(min).max(max);
const list = z.string().transform((v) =>
  v.split(',').map((s) => s.trim()).filter((s) => s.length > 0),
);

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
  CORS_ORIGINS: list.optional(),
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
  BOOTSTRAP_ADMIN_EMAIL: z.string().min(1).optional(),
  BOOTSTRAP_ADMIN_PASSWORD: z.string().min(1).optional(),
  AUDIT_RETENTION_DAYS: int(0, 36_500).default(90),
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
  };
  graphql: { introspection: boolean; landingPage: boolean };
  passwords: { minLength: number; maxLength: number; minStrength: number; hashing: PasswordHashingParams };
  rateLimits: {
    loginFailuresPerAccount: RateLimitRule;
    loginFailuresPerIp: RateLimitRule;
    registerPerIp: RateLimitRule;
    refreshPerSession: RateLimitRule;
  };
  /** First administrator created at start-up when the service has none (both set or neither). */
  bootstrapAdmin: { email: string; password: string } | null;
  /** Audit events older than this are deleted by the periodic cleanup; 0 keeps them forever. */
  audit: { retentionDays: number };
}

export class ConfigError extends Error {}

/** OWASP's argon2id baseline (m=19 MiB, t=2, p=1). */
export const DEFAULT_PASSWORD_HASHING: PasswordHashingParams = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };

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
  if (isProduction && !env.JWT_PRIVATE_KEY) {
    throw new ConfigError('Invalid configuration:\n  JWT_PRIVATE_KEY: required when NODE_ENV=production');
  }
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
    },
    graphql: {
      introspection: env.GRAPHQL_INTROSPECTION ?? !isProduction,
      landingPage: env.GRAPHQL_LANDING_PAGE ?? !isProduction,
    },
    passwords: {
      minLength: env.PASSWORD_MIN_LENGTH,
      maxLength: 128,
      minStrength: env.PASSWORD_MIN_STRENGTH,
      hashing: DEFAULT_PASSWORD_HASHING,
    },
    rateLimits: {
      loginFailuresPerAccount: { points: env.LOGIN_MAX_FAILURES_PER_ACCOUNT, durationSeconds: env.LOGIN_ACCOUNT_WINDOW_SECONDS },
      loginFailuresPerIp: { points: env.LOGIN_MAX_FAILURES_PER_IP, durationSeconds: env.LOGIN_IP_WINDOW_SECONDS },
      registerPerIp: { points: env.REGISTER_MAX_PER_IP, durationSeconds: env.REGISTER_IP_WINDOW_SECONDS },
      refreshPerSession: { points: env.REFRESH_MAX_PER_SESSION, durationSeconds: env.REFRESH_SESSION_WINDOW_SECONDS },
    },
    bootstrapAdmin:
      env.BOOTSTRAP_ADMIN_EMAIL && env.BOOTSTRAP_ADMIN_PASSWORD
        ? { email: env.BOOTSTRAP_ADMIN_EMAIL, password: env.BOOTSTRAP_ADMIN_PASSWORD }
        : null,
    audit: { retentionDays: env.AUDIT_RETENTION_DAYS },
  };
}
