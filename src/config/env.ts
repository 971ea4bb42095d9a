/** The environment variables Latchkey reads, their types, ranges and defaults (zod). */
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

export const envSchema = z.object({
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
  SESSION_RENEWAL_INTERVAL_SECONDS: int(0, 86_400).default(60),
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
  THREAD_POOL_NICE: int(0, 19).default(10),
});

export type Env = z.infer<typeof envSchema>;
