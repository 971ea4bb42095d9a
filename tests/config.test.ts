import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

describe('config', () => {
  it('has working defaults for a fresh laptop', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ env: 'development', host: '127.0.0.1', port: 4000, database: { url: undefined } });
    expect(config.graphql).toMatchObject({ introspection: true, landingPage: true, hideSuggestions: false });
    expect(config.cookie).toEqual({ secure: true, sameSite: 'strict', name: 'latchkey_refresh' });
    expect(config.jwt.issuer).toBe('http://127.0.0.1:4000');
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ COOKIE_SECURE: 'maybe' }, 'COOKIE_SECURE'],
    [{ NODE_ENV: 'production' }, 'JWT_PRIVATE_KEY'],
    [{ COOKIE_SAME_SITE: 'none', COOKIE_SECURE: 'false' }, 'COOKIE_SAME_SITE'],
    [{ SERVICE_TOKEN_TTL_SECONDS: '7200' }, 'SERVICE_TOKEN_TTL_SECONDS'],
  ])('stops with a message naming the variable for %j', (env, variable) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(new RegExp(variable));
  });

  it('turns introspection and the landing page off in production', () => {
    const config = loadConfig({ NODE_ENV: 'production', JWT_PRIVATE_KEY: '{"kty":"OKP"}' });
    expect(config.graphql).toMatchObject({ introspection: false, landingPage: false, hideSuggestions: true });
    expect(config.http.corsOrigins).toEqual([]);
  });

  it('accepts a key directory instead of a private key in production, and a 5-minute service token default', () => {
    const config = loadConfig({ NODE_ENV: 'production', JWT_KEY_DIR: '/run/secrets/latchkey-keys' });
    expect(config.jwt).toMatchObject({ keyDir: '/run/secrets/latchkey-keys', privateKey: undefined, serviceTokenTtlSeconds: 300 });
  });
});

describe('account lifecycle config', () => {
  it('defaults to the .eml outbox, the Vite origin and the issue-3 lifetimes and limits', () => {
    const config = loadConfig({ DATA_DIR: '/var/lib/latchkey' });
    expect(config.mail).toMatchObject({ smtpUrl: undefined, appUrl: 'http://localhost:5173', appName: 'Latchkey', outboxDir: '/var/lib/latchkey/mail' });
    expect(config.account).toEqual({
      requireEmailVerification: false,
      tokenTtlSeconds: { EMAIL_VERIFICATION: 86_400, PASSWORD_RESET: 1800, EMAIL_CHANGE: 3600 },
    });
    expect(config.rateLimits.accountMailPerAccount).toEqual({ points: 3, durationSeconds: 3600 });
    expect(config.rateLimits.accountMailPerIp).toEqual({ points: 20, durationSeconds: 3600 });
    expect(config.uploads).toEqual({ dir: '/var/lib/latchkey/uploads', avatarMaxBytes: 2 * 1024 * 1024 });
  });

  it.each([
    [{ APP_URL: 'javascript:alert(1)' }, 'APP_URL'],
    [{ SMTP_URL: 'http://mail.example.com' }, 'SMTP_URL'],
    [{ REQUIRE_EMAIL_VERIFICATION: 'sometimes' }, 'REQUIRE_EMAIL_VERIFICATION'],
  ])('refuses %j', (env, variable) => {
    expect(() => loadConfig(env)).toThrow(new RegExp(variable));
  });
});

const base = { NODE_ENV: 'test' };

describe('issue 5 configuration', () => {
  it('refuses a CORS wildcard or anything that is not an origin', () => {
    for (const value of ['*', 'https://a.example.com,*', 'https://*.example.com', 'https://a.example.com/path', 'a.example.com']) {
      expect(() => loadConfig({ ...base, CORS_ORIGINS: value })).toThrow(/CORS_ORIGINS/);
    }
    expect(loadConfig({ ...base, CORS_ORIGINS: 'https://a.example.com, http://localhost:5173' }).http.corsOrigins).toEqual([
      'https://a.example.com',
      'http://localhost:5173',
    ]);
  });

  it('turns HSTS on for an https PUBLIC_URL or when asked, and off otherwise', () => {
    expect(loadConfig(base).http.hsts).toBe(false);
    expect(loadConfig({ ...base, PUBLIC_URL: 'https://auth.example.com' }).http.hsts).toBe(true);
    expect(loadConfig({ ...base, PUBLIC_URL: 'https://auth.example.com', HSTS: 'false' }).http.hsts).toBe(false);
    expect(loadConfig({ ...base, HSTS: 'true' }).http.hsts).toBe(true);
  });

  it('renews sessions at most once a minute by default, and refuses an interval over half the idle lifetime', () => {
    expect(loadConfig(base).sessions.renewalIntervalSeconds).toBe(60);
    expect(loadConfig({ ...base, SESSION_RENEWAL_INTERVAL_SECONDS: '0' }).sessions.renewalIntervalSeconds).toBe(0);
    expect(loadConfig({ ...base, SESSION_IDLE_TTL_SECONDS: '120', SESSION_RENEWAL_INTERVAL_SECONDS: '60' }).sessions.renewalIntervalSeconds).toBe(60);
    expect(() => loadConfig({ ...base, SESSION_IDLE_TTL_SECONDS: '120', SESSION_RENEWAL_INTERVAL_SECONDS: '61' })).toThrow(/SESSION_RENEWAL_INTERVAL_SECONDS/);
    expect(() => loadConfig({ ...base, SESSION_RENEWAL_INTERVAL_SECONDS: '-1' })).toThrow(/SESSION_RENEWAL_INTERVAL_SECONDS/);
  });

  it('refuses several workers on PGlite, and in production without Redis', () => {
    expect(() => loadConfig({ ...base, WEB_CONCURRENCY: '2' })).toThrow(ConfigError);
    expect(() => loadConfig({ ...base, WEB_CONCURRENCY: '2', DATABASE_URL: 'memory://' })).toThrow(/postgres/);
    expect(loadConfig({ ...base, WEB_CONCURRENCY: '2', DATABASE_URL: 'postgres://db/latchkey' }).webConcurrency).toBe(2);
    const production = { NODE_ENV: 'production', JWT_PRIVATE_KEY: 'x', WEB_CONCURRENCY: '3', DATABASE_URL: 'postgres://db/latchkey' };
    expect(() => loadConfig(production)).toThrow(/REDIS_URL/);
    expect(loadConfig({ ...production, REDIS_URL: 'redis://cache:6379' }).webConcurrency).toBe(3);
  });

  it('parses Redis, the global ceiling and GraphQL limits with safe defaults', () => {
    const config = loadConfig(base);
    expect(config.redis).toBeUndefined();
    expect(config.rateLimits.globalPerIp).toEqual({ points: 1000, durationSeconds: 60 });
    expect(config.graphql.limits).toEqual({ maxDepth: 8, maxAliases: 15, maxDirectives: 5, maxTokens: 400, maxCost: 20_000 });
    expect(config.graphql.hideSuggestions).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', JWT_PRIVATE_KEY: 'x' }).graphql.hideSuggestions).toBe(true);
    expect(loadConfig({ ...base, REDIS_URL: 'rediss://cache:6380' }).redis).toMatchObject({ url: 'rediss://cache:6380', keyPrefix: 'latchkey:rl:' });
    expect(() => loadConfig({ ...base, REDIS_URL: 'http://cache' })).toThrow(/REDIS_URL/);
    expect(() => loadConfig({ ...base, GRAPHQL_MAX_ALIASES: '-1' })).toThrow(/GRAPHQL_MAX_ALIASES/);
  });
});
