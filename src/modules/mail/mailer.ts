/**
 * Delivers messages with nodemailer: over SMTP when SMTP_URL is set, otherwise into .eml files
 * under DATA_DIR/mail (links logged outside production, so a newcomer can click through).
 * `dispatch` never throws and never makes its caller wait: delivery runs in the background with
 * retries (p-retry) and bounded SMTP timeouts, and a final failure is logged. Callers dispatch only
 * after their transaction has committed.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import nodemailer, { type Transporter } from 'nodemailer';
import pRetry from 'p-retry';
import type { Logger } from 'pino';
import type { MailConfig } from '../../config.js';

export interface OutgoingMail {
  kind: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Links in the message; logged (outside production) when messages go to files. */
  links: string[];
}

export interface Mailer {
  dispatch(mail: OutgoingMail): void;
  /** Gives deliveries in flight a short while to finish, then stops retrying and closes SMTP connections. */
  close(): Promise<void>;
}

export interface MailerOptions {
  config: MailConfig;
  logger: Logger;
  /** Outside production, links of file-delivered messages are logged. */
  logLinks: boolean;
}

const CLOSE_WAIT_MS = 2000;

export function createMailer({ config, logger, logLinks }: MailerOptions): Mailer {
  const transport = createTransport(config);
  const pending = new Set<Promise<void>>();
  const stop = new AbortController();
  const log = logger.child({ module: 'mail' });
  if (!config.smtpUrl) {
    const outbox = path.resolve(config.outboxDir);
    if (logLinks) log.info({ outbox }, 'SMTP_URL not set: messages are written as .eml files');
    else log.warn({ outbox }, 'SMTP_URL not set in production: messages are only written as .eml files');
  }

  async function deliver(mail: OutgoingMail): Promise<void> {
    const info = await transport.sendMail({ from: config.from, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html });
    if (config.smtpUrl) return;
    const file = await writeOutbox(config.outboxDir, (info as { message: Buffer }).message);
    log.info({ kind: mail.kind, file, ...(logLinks ? { links: mail.links } : {}) }, 'mail written to outbox');
  }

  const deliverWithRetries = (mail: OutgoingMail) =>
    pRetry(() => deliver(mail), {
      retries: config.retries,
      minTimeout: config.retryDelayMs,
      factor: 2,
      signal: stop.signal,
      onFailedAttempt: ({ error, attemptNumber, retriesLeft }) =>
        log.warn({ kind: mail.kind, attemptNumber, retriesLeft, err: error }, 'mail delivery attempt failed'),
    });

  function dispatch(mail: OutgoingMail): void {
    // Deferred to the next turn of the event loop, so the caller's response pays nothing for it.
    const job = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => deliverWithRetries(mail))
      .then(
        () => log.debug({ kind: mail.kind }, 'mail delivered'),
        (error: unknown) => log.error({ kind: mail.kind, err: error }, 'mail delivery failed; giving up'),
      );
    pending.add(job);
    void job.finally(() => pending.delete(job));
  }

  async function close(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const wait = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, CLOSE_WAIT_MS);
    });
    await Promise.race([Promise.allSettled([...pending]), wait]).finally(() => clearTimeout(timer));
    stop.abort();
    transport.close();
  }

  return { dispatch, close };
}

function createTransport(config: MailConfig): Transporter {
  if (!config.smtpUrl) return nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return nodemailer.createTransport({
    url: config.smtpUrl,
    // A dead or slow server must fail fast rather than hold sockets: the retries handle the rest.
    connectionTimeout: config.timeoutMs,
    greetingTimeout: config.timeoutMs,
    socketTimeout: config.timeoutMs,
  });
}

async function writeOutbox(dir: string, message: Buffer): Promise<string> {
  await mkdir(dir, { recursive: true });
  const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomBytes(4).toString('hex')}.eml`;
  const file = path.resolve(dir, name);
  await writeFile(file, message, { mode: 0o600 });
  return file;
}
