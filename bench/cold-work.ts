/**
 * What running cold costs on this machine: the same GraphQL work (parse, validate, execute and
 * serialise a small query with graphql-js, the server's own hot library) measured back to back,
 * and once every 11 ms (about a login's wait for its verify), in CPU time of this process's main
 * thread per unit. A server whose requests arrive spread out, or that waits between the steps of
 * one request, runs each step as the second case does. Prints one JSON line.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { buildSchema, execute, parse, validate } from 'graphql';
import { readMainThreadCpuSeconds } from './lib/process.js';

const GAP_MS = 11;
const schema = buildSchema(`
  enum Role { USER ADMIN }
  type User { id: ID! email: String! role: Role! displayName: String createdAt: String! }
  type Query { me: User users(first: Int!): [User!]! }
`);
const users = Array.from({ length: 20 }, (_, i) => ({ id: `u${i}`, email: `u${i}@bench.test`, role: 'USER', displayName: null, createdAt: new Date(0).toISOString() }));
const rootValue = { me: () => users[0], users: ({ first }: { first: number }) => users.slice(0, first) };
const queries = ['{ me { id email role } }', 'query Page($n: Int!) { users(first: $n) { id email role displayName createdAt } }'];

function unit(): number {
  let size = 0;
  for (let i = 0; i < 2; i++) {
    const document = parse(queries[i % 2]!);
    if (validate(schema, document).length > 0) throw new Error('invalid query');
    const result = execute({ schema, document, rootValue, variableValues: { n: 20 } });
    size += JSON.stringify(result).length;
  }
  return size;
}

function mainThreadMicros(): number {
  const seconds = readMainThreadCpuSeconds(process.pid);
  if (seconds !== null) return seconds * 1e6;
  // No /proc: the whole process's CPU instead.
  const usage = process.cpuUsage();
  return usage.user + usage.system;
}

async function microsPerUnit(units: number, gapMs: number): Promise<number> {
  const before = mainThreadMicros();
  for (let i = 0; i < units; i++) {
    unit();
    // Back to back still yields now and then, as a busy server's event loop does.
    if (gapMs > 0) await sleep(gapMs);
    else if (i % 50 === 49) await new Promise((resolve) => setImmediate(resolve));
  }
  return (mainThreadMicros() - before) / units;
}

for (let i = 0; i < 3000; i++) unit();
const hot = await microsPerUnit(3000, 0);
const cold = await microsPerUnit(300, GAP_MS);
const hotAgain = await microsPerUnit(3000, 0);
const hotMicros = Math.min(hot, hotAgain);
console.log(JSON.stringify({ hotMicros, coldMicros: cold, gapMs: GAP_MS, ratio: cold / hotMicros }));
