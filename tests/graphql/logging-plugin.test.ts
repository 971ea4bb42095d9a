import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOGIN, REGISTER, STRONG_PASSWORD, uniqueEmail } from '../helpers/fixtures.js';
import { capturingLogger } from '../helpers/logs.js';
import { createTestServer, type TestServer } from '../helpers/test-server.js';

// The server's real logger (production redaction), writing into arrays.
const { logger, lines, raw: rawLines } = capturingLogger('info', { asInProduction: true });
let server: TestServer;

beforeAll(async () => {
  server = await createTestServer({}, { logger });
});

afterAll(async () => {
  await server.close();
});

async function post(body: unknown, requestId: string) {
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-request-id': requestId },
    body: JSON.stringify(body),
  });
  return response.json() as Promise<{ data?: any; errors?: Array<{ extensions: { code: string } }> }>;
}

const operationLines = (requestId: string) => lines.filter((line) => line.msg === 'graphql operation' && line.reqId === requestId);

describe('the per-operation log line', () => {
  it('is written once per operation with the request id, name, duration and outcome', async () => {
    const email = uniqueEmail('logged');
    const registered = await post({ query: REGISTER, variables: { input: { email, password: STRONG_PASSWORD } } }, 'req-log-register');
    expect(registered.errors).toBeUndefined();
    const failed = await post({ query: LOGIN, variables: { input: { email, password: 'not-the-password-at-all' } } }, 'req-log-login');
    expect(failed.errors?.[0]?.extensions.code).toBe('INVALID_CREDENTIALS');

    const [ok] = operationLines('req-log-register');
    expect(operationLines('req-log-register')).toHaveLength(1);
    expect(ok).toMatchObject({ level: 30, service: 'latchkey', operationName: 'Register', outcome: 'ok' });
    expect(ok!.errorCodes).toBeUndefined();
    expect(typeof ok!.durationMs).toBe('number');

    expect(operationLines('req-log-login')).toEqual([
      expect.objectContaining({ operationName: 'Login', outcome: 'error', errorCodes: ['INVALID_CREDENTIALS'] }),
    ]);
  });

  it('never carries variables, and the passwords sent appear in no log line at all', async () => {
    const password = 'a-very-distinctive-password-91';
    await post({ query: REGISTER, variables: { input: { email: uniqueEmail('secret'), password } } }, 'req-log-secret');
    expect(operationLines('req-log-secret')).toHaveLength(1);
    expect(operationLines('req-log-secret')[0]).not.toHaveProperty('variables');
    expect(rawLines.some((line) => line.includes(password) || line.includes(STRONG_PASSWORD))).toBe(false);
  });

  it('leaves redaction on for every other log line', () => {
    logger.info({ input: { password: 'hunter2-hunter2' }, refreshToken: 'rt-secret' }, 'some other line');
    const line = lines.at(-1)!;
    expect(line.input.password).toBe('[redacted]');
    expect(JSON.stringify(line)).not.toContain('hunter2');
  });
});
