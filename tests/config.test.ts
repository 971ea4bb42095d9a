import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

describe('config', () => {
  it('has working defaults for a fresh laptop', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ env: 'development', host: '127.0.0.1', port: 4000, database: { url: undefined } });
    expect(config.graphql).toEqual({ introspection: true, landingPage: true });
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
    expect(config.graphql).toEqual({ introspection: false, landingPage: false });
    expect(config.http.corsOrigins).toEqual([]);
  });

  it('accepts a key directory instead of a private key in production, and a 5-minute service token default', () => {
    const config = loadConfig({ NODE_ENV: 'production', JWT_KEY_DIR: '/run/secrets/latchkey-keys' });
    expect(config.jwt).toMatchObject({ keyDir: '/run/secrets/latchkey-keys', privateKey: undefined, serviceTokenTtlSeconds: 300 });
  });
});
