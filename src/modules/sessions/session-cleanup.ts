import type { Logger } from 'pino';
import type { SessionsService } from './sessions.service.js';

/** Runs the dead-session cleanup periodically; an interval of 0 disables it. */
export function startSessionCleanup(sessions: SessionsService, intervalSeconds: number, clock: () => Date, logger: Logger) {
  if (intervalSeconds <= 0) return { stop: () => {} };
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    sessions
      .deleteEnded(clock())
      .then((deleted) => deleted > 0 && logger.info({ deleted }, 'deleted ended sessions'))
      .catch((err: unknown) => logger.error({ err }, 'session cleanup failed'))
      .finally(() => {
        running = false;
      });
  }, intervalSeconds * 1000);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
