/**
 * A login's CPU at a steady rate, window after window: `npx tsx bench/login-paced.ts --rate 90`.
 * The login figure runs at whatever rate the hashes allow (~100 logins/s on two CPUs), its logins
 * spread out by the verifies; this sends them evenly spaced at a fixed rate instead (autocannon's
 * overallRate lets each connection send its second's share back to back: bursts, not spacing), and
 * `--cheap` seeds the accounts with a cheap argon2id hash (m=64 KiB, t=1), so the same login code
 * runs without the 19 MiB verify. Together they tell the cost of the verify's neighbourhood from
 * the cost of the spacing (bench/README.md, thirteenth pass). `--rate 0` sends as fast as the
 * connections go. PostgreSQL with DATABASE_URL (a temporary database next to it), else PGlite.
 */
import { generateKeyPairSync } from 'node:crypto';
import { Agent, request } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { hash } from '@node-rs/argon2';
import { DEFAULT_PASSWORD_HASHING } from '../src/config.js';
import { startCpuAccount } from './lib/cpu-accounting.js';
import { cpuPerRequest, LOGIN } from './lib/load.js';
import { npmStartCommand, startServer, type ChildServer } from './lib/process.js';
import { describeCpu } from './lib/rows.js';
import { serverEnv } from './lib/server-env.js';
import { BENCH_PASSWORD, benchEmail, createStorage, seedUsers } from './lib/storage.js';

const ACCOUNTS = 64;
const CHEAP_HASHING = { memoryCost: 64, timeCost: 1, parallelism: 1 };

const { values } = parseArgs({
  options: {
    rate: { type: 'string', default: '90' },
    cheap: { type: 'boolean', default: false },
    connections: { type: 'string', default: '16' },
    windows: { type: 'string', default: '6' },
    window: { type: 'string', default: '5' },
  },
});
const rate = Number(values.rate);
const [connections, windows, windowSeconds] = [values.connections, values.windows, values.window].map(Number) as [number, number, number];
if (![rate, connections, windows, windowSeconds].every((n) => Number.isInteger(n) && n >= 0) || connections < 1 || windows < 1 || windowSeconds < 1) {
  throw new Error('--rate (0: unpaced), --connections, --windows and --window take whole numbers');
}

/** One login over a kept-alive connection; throws unless it signed in. */
function postLogin(url: string, agent: Agent, account: number): Promise<void> {
  const body = JSON.stringify({ query: LOGIN, variables: { input: { email: benchEmail(account), password: BENCH_PASSWORD } } });
  return new Promise((resolve, reject) => {
    const req = request(`${url}/graphql`, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => (text.includes('"accessToken"') ? resolve() : reject(new Error(`login failed: ${text.slice(0, 300)}`))));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Logins for `seconds` on `connections` connections, the n-th sent at n / rate seconds (as fast as they go with rate 0). */
async function loginsFor(server: ChildServer, agent: Agent, seconds: number, accountPostgres: boolean) {
  const [cpuBefore, eventLoopBefore] = [server.cpuSeconds(), server.eventLoopCpuSeconds()];
  const account = startCpuAccount(accountPostgres);
  const started = performance.now();
  let sent = 0;
  const connection = async () => {
    for (;;) {
      const at = started + (sent * 1000) / (rate || Infinity);
      if (at >= started + seconds * 1000 || performance.now() >= started + seconds * 1000) return;
      const n = sent++;
      if (at > performance.now()) await sleep(at - performance.now());
      await postLogin(server.url, agent, 1 + (n % ACCOUNTS));
    }
  };
  await Promise.all(Array.from({ length: connections }, connection));
  return {
    perSecond: (sent * 1000) / (performance.now() - started),
    cpuMicrosPerRequest: cpuPerRequest(cpuBefore, server.cpuSeconds(), sent),
    eventLoopMicrosPerRequest: cpuPerRequest(eventLoopBefore, server.eventLoopCpuSeconds(), sent),
    cpu: account(sent),
  };
}

const adminUrl = process.env.DATABASE_URL;
const storage = await createStorage(adminUrl);
try {
  const seeding = await storage.open();
  const phc = await hash(BENCH_PASSWORD, { ...(values.cheap ? CHEAP_HASHING : DEFAULT_PASSWORD_HASHING), outputLen: 32 });
  await seedUsers(seeding, phc, ACCOUNTS, 0);
  await seeding.close();
  const privateKey = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const env = serverEnv(storage, { logLevel: 'info', threadpoolSize: process.env.UV_THREADPOOL_SIZE ?? '' }, privateKey);
  const server = await startServer({ ...npmStartCommand(), env });
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  try {
    console.log(`${storage.kind}, ${values.cheap ? 'cheap' : 'real'} hashes, ${rate || 'unpaced'} logins/s on ${connections} connections`);
    for (let window = 1; window <= windows; window++) {
      const result = await loginsFor(server, agent, windowSeconds, adminUrl !== undefined);
      console.log(`${window * windowSeconds} s: ${Math.round(result.perSecond)} logins/s; CPU µs per login: ${describeCpu(result)}`);
    }
  } finally {
    agent.destroy();
    await server.stop();
  }
} finally {
  await storage.dispose();
}
