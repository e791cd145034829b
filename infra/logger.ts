import { pino, type Logger } from 'pino';
import pretty from 'pino-pretty';

export type { Logger };

/**
 * JSON lines for machines (LOG_FORMAT=json, the default outside a terminal and in the compose deployment);
 * readable lines for a person at a terminal. Pretty output is written synchronously so that the last lines
 * before an exit are not lost.
 */
export function createLogger(name: string, level = process.env.LOG_LEVEL ?? 'info'): Logger {
  const format = process.env.LOG_FORMAT ?? (process.stdout.isTTY ? 'pretty' : 'json');
  if (format === 'pretty') {
    return pino(
      { name, level },
      pretty({ sync: true, ignore: 'pid,hostname', translateTime: 'SYS:HH:MM:ss' }),
    );
  }
  return pino({ name, level });
}
