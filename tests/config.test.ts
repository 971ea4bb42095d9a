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
  ])('stops with a message naming the variable for %j', (env, variable) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(new RegExp(variable));
  });

  it('turns introspection and the landing page off in production', () => {
    const config = loadConfig({ NODE_ENV: 'production', JWT_PRIVATE_KEY: '{"kty":"OKP"}' });
    expect(config.graphql).toEqual({ introspection: false, landingPage: false });
    expect(config.http.corsOrigins).toEqual([]);
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
