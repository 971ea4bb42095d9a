import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

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
