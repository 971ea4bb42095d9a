/**
 * Two instances behind no balancer, sharing one PostgreSQL database, one Redis (a key prefix of
 * their own) and one signing key: the per-account login limit holds across them, and a session
 * revoked through one is refused by the other at once. Needs TEST_DATABASE_URL and Redis.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSigningJwk } from '../../src/modules/auth/signing-keys.js';
import { LOGIN, ME, REFRESH, STRONG_PASSWORD, registerUser } from '../helpers/fixtures.js';
import { reachableRedisUrl, uniqueKeyPrefix } from '../helpers/redis.js';
import { createTestServer, type TestServer } from '../helpers/test-server.js';

const redisUrl = await reachableRedisUrl();
const enabled = Boolean(process.env.TEST_DATABASE_URL && redisUrl);

let a: TestServer;
let b: TestServer;
beforeAll(async () => {
  if (!enabled) return;
  const env = {
    JWT_PRIVATE_KEY: JSON.stringify(await generateSigningJwk()),
    REDIS_URL: redisUrl!,
    REDIS_KEY_PREFIX: uniqueKeyPrefix(),
    LOGIN_MAX_FAILURES_PER_ACCOUNT: '4',
    REGISTER_MAX_PER_IP: '100',
  };
  a = await createTestServer(env);
  b = await createTestServer({ ...env, DATABASE_URL: a.config.database.url! });
});
afterAll(async () => {
  await b?.close();
  await a?.close();
});

const codeOf = (result: { errors?: Array<{ extensions?: Record<string, any> }> }) => result.errors?.[0]?.extensions?.code;

describe.skipIf(!enabled)('two instances', () => {
  it('share one per-account login limit', async () => {
    const { email } = await registerUser(a.client());
    const wrong = { input: { email, password: 'not-my-password-1' } };
    const codes = [];
    for (const server of [a, b, a, b, a, b]) codes.push(codeOf(await server.client().request(LOGIN, wrong)));
    expect(codes).toEqual(['INVALID_CREDENTIALS', 'INVALID_CREDENTIALS', 'INVALID_CREDENTIALS', 'INVALID_CREDENTIALS', 'RATE_LIMITED', 'RATE_LIMITED']);
    expect(codeOf(await a.client().request(LOGIN, { input: { email, password: STRONG_PASSWORD } }))).toBe('RATE_LIMITED');
  });

  it('refuse on one a session revoked through the other, at once', async () => {
    const onA = a.client();
    const registered = await registerUser(onA);
    const onB = b.client();
    onB.accessToken = registered.accessToken;
    expect((await onB.data<{ me: any }>(ME)).me.id).toBe(registered.user.id);
    const logout = await onA.request('mutation { logout }');
    expect(logout.errors).toBeUndefined();
    const after = await onB.request(ME);
    expect(after.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'SESSION_ENDED' });
    const refresh = await b.client().request(REFRESH, { token: registered.refreshToken });
    expect(codeOf(refresh)).toBe('INVALID_TOKEN');
  });

  it('rotate a refresh token issued by the other', async () => {
    const registered = await registerUser(a.client());
    const rotated = await b.client().request<{ refresh: any }>(REFRESH, { token: registered.refreshToken });
    expect(rotated.errors).toBeUndefined();
    const onA = a.client();
    onA.accessToken = rotated.data!.refresh.accessToken;
    expect((await onA.data<{ me: any }>(ME)).me.id).toBe(registered.user.id);
  });
});
