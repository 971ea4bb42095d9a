import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { MailConfig } from '../../../src/config.js';
import { createMailer, type OutgoingMail } from '../../../src/modules/mail/mailer.js';
import { capturingLogger } from '../../helpers/logs.js';

const mail: OutgoingMail = {
  kind: 'reset-password',
  to: 'someone@example.com',
  subject: 'Reset your password',
  text: 'Open https://app.example.com/reset-password?token=abc\n',
  html: '<p><a href="https://app.example.com/reset-password?token=abc">Reset</a></p>',
  links: ['https://app.example.com/reset-password?token=abc'],
};


let dir: string;
let silent: net.Server;
let silentPort: number;
let closedPort: number;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'latchkey-mail-'));
  // Accepts connections and never greets: a hung SMTP server.
  silent = net.createServer(() => {});
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  silentPort = (silent.address() as net.AddressInfo).port;
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  closedPort = (probe.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
});
afterAll(async () => {
  await new Promise<void>((resolve) => silent.close(() => resolve()));
  await rm(dir, { recursive: true, force: true });
});

const config = (overrides: Partial<MailConfig>): MailConfig => ({
  appName: 'Latchkey',
  appUrl: 'https://app.example.com',
  smtpUrl: undefined,
  from: 'Latchkey <no-reply@example.com>',
  outboxDir: dir,
  timeoutMs: 200,
  retries: 1,
  retryDelayMs: 10,
  ...overrides,
});

describe('createMailer without SMTP_URL', () => {
  async function sendToOutbox(logLinks: boolean) {
    const { logger, lines } = capturingLogger('debug');
    const mailer = createMailer({ config: config({}), logger, logLinks });
    mailer.dispatch(mail);
    await vi.waitFor(() => expect(lines.some((l) => l.msg === 'mail written to outbox')).toBe(true));
    await mailer.close();
    return lines;
  }

  it('writes each message as an .eml file and logs its links', async () => {
    const lines = await sendToOutbox(true);
    const files = (await readdir(dir)).filter((f) => f.endsWith('.eml'));
    expect(files).toHaveLength(1);
    const eml = await readFile(path.join(dir, files[0]!), 'utf8');
    expect(eml).toContain('Subject: Reset your password');
    expect(eml).toContain('To: someone@example.com');
    expect(eml).toContain('multipart/alternative');
    expect(lines.find((l) => l.msg === 'mail written to outbox')).toMatchObject({ links: mail.links });
  });

  it('finishes a delivery dispatched just before close', async () => {
    const { logger } = capturingLogger('debug');
    const outboxDir = path.join(dir, 'closing');
    const mailer = createMailer({ config: config({ outboxDir }), logger, logLinks: false });
    mailer.dispatch(mail);
    await mailer.close();
    expect(await readdir(outboxDir)).toHaveLength(1);
  });

  it('keeps links out of the log in production', async () => {
    const lines = await sendToOutbox(false);
    expect(JSON.stringify(lines)).not.toContain('token=abc');
  });
});

describe('createMailer with an unusable SMTP server', () => {
  it.each([
    ['refuses connections', () => `smtp://127.0.0.1:${closedPort}`],
    ['never answers', () => `smtp://127.0.0.1:${silentPort}`],
  ])('returns at once when the server %s, retries and logs the failure', async (_label, url) => {
    const { logger, lines } = capturingLogger('debug');
    const mailer = createMailer({ config: config({ smtpUrl: url() }), logger, logLinks: true });
    expect(mailer.dispatch(mail)).toBeUndefined();
    await vi.waitFor(() => expect(lines.some((l) => l.msg === 'mail delivery failed; giving up')).toBe(true), { timeout: 5000 });
    expect(lines.filter((l) => l.msg === 'mail delivery attempt failed')).toHaveLength(2);
    expect(JSON.stringify(lines)).not.toContain('someone@example.com');
    await mailer.close();
  });
});
