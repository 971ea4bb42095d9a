import pino, { type Level, type Logger } from 'pino';

/** A logger whose lines (parsed JSON) the test can read. */
export function capturingLogger(level: Level = 'info'): { logger: Logger; lines: Array<Record<string, any>> } {
  const lines: Array<Record<string, any>> = [];
  const logger = pino({ level }, { write: (line: string) => void lines.push(JSON.parse(line)) });
  return { logger, lines };
}
