/**
 * The process logger: pino, JSON lines on stderr (stdout belongs to the console chat and the
 * CLI). Texts are logged only after redaction, and only at debug level.
 */
import { pino, type Logger } from 'pino';
import type { Config } from './config.ts';

export type { Logger };

export function createLogger(level: Config['logLevel']): Logger {
  return pino({ level, base: { app: 'objection-coach' } }, pino.destination({ fd: 2, sync: true }));
}
