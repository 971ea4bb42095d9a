/**
 * The `login` figure's limit: pure argon2id verifications per second with the server's parameters,
 * `BENCH_CONCURRENCY` in flight at once (the server's hash concurrency, so on as many threads as
 * the server hashes on), in a fresh process whose libuv thread pool has the same UV_THREADPOOL_SIZE
 * as the server's. Prints one JSON line.
 */
import { hash, verify } from '@node-rs/argon2';
import { DEFAULT_PASSWORD_HASHING } from '../src/config.js';

const durationMs = Number(process.env.BENCH_DURATION_MS ?? 5000);
const warmupMs = Number(process.env.BENCH_WARMUP_MS ?? 1000);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 2);
const password = 'bench-password-correct-horse';
const phc = await hash(password, { ...DEFAULT_PASSWORD_HASHING, outputLen: 32 });

async function runFor(ms: number): Promise<number> {
  const until = performance.now() + ms;
  let done = 0;
  const worker = async () => {
    while (performance.now() < until) {
      if (!(await verify(phc, password))) throw new Error('verify failed');
      done += 1;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return done;
}

await runFor(warmupMs);
const started = performance.now();
const cpu = process.cpuUsage();
const verifications = await runFor(durationMs);
const used = process.cpuUsage(cpu);
const seconds = (performance.now() - started) / 1000;
const cpuMicrosPerVerify = (used.user + used.system) / verifications;
console.log(JSON.stringify({ verifications, seconds, perSecond: verifications / seconds, cpuMicrosPerVerify, concurrency, params: DEFAULT_PASSWORD_HASHING }));
