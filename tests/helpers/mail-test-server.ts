/** A test server whose mail goes over SMTP to an in-process sink, with quick retries. */
import { startSmtpSink, type SmtpSink } from './smtp-sink.js';
import { createTestServer, type TestServer } from './test-server.js';

export interface MailTestServer {
  server: TestServer;
  sink: SmtpSink;
  close(): Promise<void>;
}

export async function createMailTestServer(env: Record<string, string> = {}): Promise<MailTestServer> {
  const sink = await startSmtpSink();
  const server = await createTestServer({ SMTP_URL: sink.url, MAIL_RETRY_DELAY_MS: '50', ...env });
  return {
    server,
    sink,
    async close() {
      await server.close();
      await sink.close();
    },
  };
}
