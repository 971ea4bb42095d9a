import pino, { type Level, type Logger } from 'pino';
import { createLogger } from '../../src/logger.js';

/**
 * A logger whose lines the test can read, parsed (`lines`) and as written (`raw`). With
 * `asInProduction` it is the server's own logger (createLogger, redaction included).
 */
export function capturingLogger(
  level: Level = 'info',
  options: { asInProduction?: boolean } = {},
): { logger: Logger; lines: Array<Record<string, any>>; raw: string[] } {
  const lines: Array<Record<string, any>> = [];
  const raw: string[] = [];
  const destination = { write: (line: string) => void (raw.push(line), lines.push(JSON.parse(line))) };
  const logger = options.asInProduction ? createLogger({ logLevel: level, env: 'production' }, destination) : pino({ level }, destination);
  return { logger, lines, raw };
}
