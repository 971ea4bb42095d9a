/**
 * PostgreSQL going down under a running server: requests fail in bounded time with a masked
 * error, /ready turns 503 while /health stays 200, nothing crashes, and service resumes by itself
 * when the database is back. Runs against a private PostgreSQL the test starts and stops.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOGIN, ME, STRONG_PASSWORD, registerUser } from '../helpers/fixtures.js';
import { createPrivatePostgres, findPostgresBinaries, type PrivatePostgres } from '../helpers/private-postgres.js';
import { createTestServer, type TestServer } from '../helpers/test-server.js';

const bin = findPostgresBinaries();
/** Far above the configured 2 s timeouts; a request still pending then counts as hanging. */
const HANG = 20_000;

let database: PrivatePostgres;
let server: TestServer;
beforeAll(async () => {
  if (!bin) return;
  database = await createPrivatePostgres(bin);
  server = await createTestServer({
    DATABASE_URL: database.url,
    DATABASE_CONNECT_TIMEOUT_SECONDS: '2',
    DATABASE_STATEMENT_TIMEOUT_MS: '2000',
    REGISTER_MAX_PER_IP: '100',
  });
}, 120_000);
afterAll(async () => {
  await server?.close().catch(() => {});
  database?.destroy();
});

const get = (path: string) => fetch(`${server.url}${path}`, { signal: AbortSignal.timeout(HANG) });

/** Fails the test if the request has not been answered within HANG. */
function bounded<T>(work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('request hung while the database was down')), HANG);
  });
  return Promise.race([work, hang]).finally(() => clearTimeout(timer));
}

describe.skipIf(!bin)('PostgreSQL outage', () => {
  it('degrades cleanly while the database is down and recovers by itself', { timeout: 120_000 }, async () => {
    const client = server.client();
    const user = await registerUser(client);
    expect((await get('/ready')).status).toBe(200);

    database.stop();
    const login = await bounded(server.client().request(LOGIN, { input: { email: user.email, password: STRONG_PASSWORD } }));
    expect(login.errors?.[0]).toMatchObject({ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    expect(JSON.stringify(login.errors)).not.toMatch(/ECONNREFUSED|postgres|select|stack/i);
    const me = await bounded(client.request(ME));
    expect(me.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    expect(JSON.stringify(me.errors)).not.toMatch(/ECONNREFUSED|postgres|select|stack/i);
    const ready = await get('/ready');
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({ status: 'unavailable', reason: 'database unreachable' });
    expect((await get('/health')).status).toBe(200);

    database.start();
    let readyAgain = 0;
    for (let attempt = 0; attempt < 100 && readyAgain !== 200; attempt += 1) {
      readyAgain = (await get('/ready')).status;
      if (readyAgain !== 200) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(readyAgain).toBe(200);
    const again = await server.client().request(LOGIN, { input: { email: user.email, password: STRONG_PASSWORD } });
    expect(again.errors).toBeUndefined();
    expect((await client.data<{ me: any }>(ME)).me.id).toBe(user.user.id);
  });
});
