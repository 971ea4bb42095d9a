import type { Logger } from 'pino';
import type { SessionsService } from './sessions.service.js';

/**
 * Runs `task` every `intervalSeconds` (0 disables it), never two runs at once; logs what it
 * deleted and any failure. Shared by the periodic clean-ups (ended sessions, old audit events).
 */
export function startPeriodicCleanup(name: string, task: (now: Date) => Promise<number>, intervalSeconds: number, clock: () => Date, logger: Logger) {
  if (intervalSeconds <= 0) return { stop: () => {} };
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    task(clock())
      .then((deleted) => deleted > 0 && logger.info({ deleted, task: name }, `deleted ${name}`))
      .catch((err: unknown) => logger.error({ err, task: name }, `${name} cleanup failed`))
      .finally(() => {
        running = false;
      });
  }, intervalSeconds * 1000);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}

/** Runs the dead-session cleanup periodically; an interval of 0 disables it. */
export function startSessionCleanup(sessions: SessionsService, intervalSeconds: number, clock: () => Date, logger: Logger) {
  return startPeriodicCleanup('ended sessions', (now) => sessions.deleteEnded(now), intervalSeconds, clock, logger);
}
