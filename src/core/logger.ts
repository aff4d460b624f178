import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

/** The structured log of applied steps: one timestamped JSON line each. */
export interface StepLogger {
  info(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
  flush(): void;
}

const silent: StepLogger = { info() {}, error() {}, flush() {} };

/**
 * A pino logger writing synchronously to `file` (so nothing is lost when the CLI exits), or a silent
 * one when no file is configured. pino is loaded only when a log is wanted.
 */
export async function createStepLogger(file: string | undefined, level = 'info'): Promise<StepLogger> {
  if (!file) return silent;
  const { pino } = await import('pino');
  mkdirSync(dirname(file), { recursive: true });
  const destination = pino.destination({ dest: file, sync: true, mkdir: true });
  const logger = pino({ level, base: { tool: 'dihya-migrate' }, timestamp: pino.stdTimeFunctions.isoTime }, destination);
  return {
    info: (fields, message) => logger.info(fields, message),
    error: (fields, message) => logger.error(fields, message),
    flush: () => destination.flushSync(),
  };
}
