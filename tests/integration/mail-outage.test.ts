/**
 * A dead or silent SMTP server never fails or blocks the mutation that asked for mail: the
 * change commits, the answer comes back, and delivery is retried in the background until it
 * gives up with a logged error.
 */
import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REGISTER, STRONG_PASSWORD, uniqueEmail } from '../helpers/fixtures.js';
import { freePort } from '../helpers/ports.js';
import { capturingLogger } from '../helpers/logs.js';
import { createTestServer, type TestServer } from '../helpers/test-server.js';

const mailEnv = { MAIL_RETRIES: '2', MAIL_RETRY_DELAY_MS: '20', MAIL_TIMEOUT_MS: '300' };

async function waitFor(predicate: () => boolean, attempts = 200): Promise<void> {
  for (let i = 0; i < attempts && !predicate(); i += 1) await new Promise((resolve) => setTimeout(resolve, 25));
}

describe.each([
  ['refuses connections', async () => ({ port: await freePort(), server: undefined as Server | undefined })],
  [
    'accepts but never answers',
    async () => {
      const silent = createServer(() => {});
      await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
      return { port: (silent.address() as { port: number }).port, server: silent as Server | undefined };
    },
  ],
])('when the SMTP server %s', (_label, startSmtp) => {
  let server: TestServer;
  let smtp: Server | undefined;
  const capture = capturingLogger();

  beforeAll(async () => {
    const target = await startSmtp();
    smtp = target.server;
    server = await createTestServer({ ...mailEnv, SMTP_URL: `smtp://127.0.0.1:${target.port}` }, { logger: capture.logger });
  });
  afterAll(async () => {
    await server?.close();
    smtp?.close();
  });

  it('still registers the user, then retries the verification mail and logs that it gave up', async () => {
    const email = uniqueEmail('outage');
    const result = await server.client().request<{ register: any }>(REGISTER, { input: { email, password: STRONG_PASSWORD } });
    expect(result.errors).toBeUndefined();
    expect(result.data?.register.user.email).toBe(email);
    await waitFor(() => capture.lines.some((line) => line.msg === 'mail delivery failed; giving up'));
    const attempts = capture.lines.filter((line) => line.msg === 'mail delivery attempt failed');
    expect(attempts).toHaveLength(3);
    expect(capture.lines.filter((line) => line.msg === 'mail delivery failed; giving up')).toHaveLength(1);
  });

  it('still answers requestPasswordReset with true', async () => {
    const result = await server.client().request<{ requestPasswordReset: boolean }>(
      `mutation ($email: String!) { requestPasswordReset(email: $email) }`,
      { email: uniqueEmail('nobody') },
    );
    expect(result.data?.requestPasswordReset).toBe(true);
  });
});
