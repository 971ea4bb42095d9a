/** The typed configuration every module receives; built from the environment by loadConfig(). */
import type { Env } from './env.js';

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
    renewalIntervalSeconds: number;
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
    /** libuv's pool (where hashes run): its size, and the nice value its threads get, below the event loop (0: unchanged). */
    threadPool: { size: number; niceness: number };
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
