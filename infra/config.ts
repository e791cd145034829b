import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultTiming, type Timing } from '../domain/deadlines.js';
import { developmentPayloadKey, parsePayloadKeys, type PayloadKey } from './payload-codec.js';

/**
 * The repository root: the nearest folder above this module holding package.json. Found by walking up
 * rather than by a fixed `..` so the same code works from sources (tsx) and from the compiled `dist/`.
 */
export const projectRoot: string = (() => {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('Cannot find the project root (no package.json above infra/)');
    dir = parent;
  }
  return dir;
})();

function fromRoot(p: string): string {
  return path.isAbsolute(p) ? p : path.join(projectRoot, p);
}

function intVar(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) {
    throw new Error(`Environment variable ${name} must be a non-negative integer, got "${raw}"`);
  }
  return value;
}

function monthDay(env: NodeJS.ProcessEnv, name: string, fallback: string): { month: number; day: number } {
  const raw = textVar(env, name) ?? fallback;
  const match = /^(\d{2})-(\d{2})$/.exec(raw);
  const month = Number(match?.[1]);
  const day = Number(match?.[2]);
  if (match === null || month < 1 || month > 12 || day < 1 || day > 28) {
    throw new Error(`Environment variable ${name} must be MM-DD with a day from 01 to 28, got "${raw}"`);
  }
  return { month, day };
}

function textVar(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const raw = env[name];
  return raw === undefined || raw === '' ? undefined : raw;
}

/**
 * Every setting the system reads, in one place. Each one is an environment variable with a default
 * that runs the whole system on this machine; the README's configuration table mirrors this list.
 */
export interface Config {
  /** Folder for local runtime data (embedded PostgreSQL cluster, Temporal's SQLite file). */
  dataDir: string;
  /** External PostgreSQL; when unset an embedded cluster is started. */
  databaseUrl: string | undefined;
  pgPort: number;
  pgDataDir: string;
  /** External Temporal frontend (host:port); when unset a local dev server is started. */
  temporalAddress: string | undefined;
  temporalPort: number;
  temporalUiPort: number;
  temporalNamespace: string;
  taskQueue: string;
  temporalCli: string | undefined;
  temporalTestServer: string | undefined;
  toolsDir: string;
  apiHost: string;
  apiPort: number;
  logLevel: string;
  demoScale: number;
  startupTimeoutMs: number;
  /** Stage deadlines in working days, and how many working days before them the reminder goes. */
  timing: Timing;
  smtp: SmtpConfig | null;
  /** The reporting calendar: when each period opens (month, day, in Vietnam), and its deadline and reminder in days. */
  reporting: {
    halfYearOpens: { month: number; day: number };
    yearOpens: { month: number; day: number };
    dueInDays: number;
    reminderDaysBefore: number;
  };
  /** Days before each review of a movement that the units in its scope are reminded. */
  movementReminderDays: number;
  /** How long a login lasts. */
  sessionHours: number;
  /** Send the session cookie only over HTTPS (set behind a TLS proxy). */
  cookieSecure: boolean;
  /**
   * Keys that encrypt Temporal payloads, the first one current. Empty when PAYLOAD_KEYS is unset outside development:
   * the processes that talk to Temporal then refuse to start (infra/payload-codec.ts says how to set it).
   */
  payloadKeys: PayloadKey[];
  /** Minutes after which an e-mail still `sending` is taken as interrupted (its fate unknown). */
  mailSendingTimeoutMinutes: number;
}

export interface SmtpConfig {
  host: string;
  port: number;
  secure: boolean;
  user: string | undefined;
  password: string | undefined;
  from: string;
}

/**
 * Development is where a known key is harmless: NODE_ENV unset (`npm start` on a developer's machine), `development`
 * or `test`. The image sets NODE_ENV=production, so a deployment must bring its own keys.
 */
function isDevelopment(env: NodeJS.ProcessEnv): boolean {
  const mode = textVar(env, 'NODE_ENV');
  return mode === undefined || mode === 'development' || mode === 'test';
}

function payloadKeys(env: NodeJS.ProcessEnv): PayloadKey[] {
  const raw = textVar(env, 'PAYLOAD_KEYS');
  if (raw !== undefined) return parsePayloadKeys(raw);
  return isDevelopment(env) ? [developmentPayloadKey] : [];
}

/**
 * An attempt holding a claim ends within about a minute and a half (the SMTP timeouts in infra/mailer.ts, and the
 * activity's one-minute limit): a shorter timeout would take a send still under way for an interrupted one.
 */
function mailSendingTimeout(env: NodeJS.ProcessEnv): number {
  const minutes = intVar(env, 'MAIL_SENDING_TIMEOUT_MINUTES', 10);
  if (minutes < 3) {
    throw new Error(
      `Environment variable MAIL_SENDING_TIMEOUT_MINUTES must be at least 3 (a send may take that long), got "${minutes}"`,
    );
  }
  return minutes;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = fromRoot(textVar(env, 'DATA_DIR') ?? '.data');
  const pgDataDir = textVar(env, 'PG_DATA_DIR');
  const smtpHost = textVar(env, 'SMTP_HOST');
  return {
    dataDir,
    databaseUrl: textVar(env, 'DATABASE_URL'),
    pgPort: intVar(env, 'PG_PORT', 54329),
    pgDataDir: pgDataDir !== undefined ? fromRoot(pgDataDir) : path.join(dataDir, 'postgres'),
    temporalAddress: textVar(env, 'TEMPORAL_ADDRESS'),
    temporalPort: intVar(env, 'TEMPORAL_PORT', 7233),
    temporalUiPort: intVar(env, 'TEMPORAL_UI_PORT', 8233),
    temporalNamespace: textVar(env, 'TEMPORAL_NAMESPACE') ?? 'default',
    taskQueue: textVar(env, 'TEMPORAL_TASK_QUEUE') ?? 'nominations',
    temporalCli: textVar(env, 'TEMPORAL_CLI'),
    temporalTestServer: textVar(env, 'TEMPORAL_TEST_SERVER'),
    toolsDir: fromRoot(textVar(env, 'TOOLS_DIR') ?? '.tools'),
    apiHost: textVar(env, 'API_HOST') ?? '127.0.0.1',
    apiPort: intVar(env, 'API_PORT', 3000),
    logLevel: textVar(env, 'LOG_LEVEL') ?? 'info',
    demoScale: intVar(env, 'DEMO_SCALE', 1),
    startupTimeoutMs: intVar(env, 'STARTUP_TIMEOUT_MS', 120_000),
    timing: {
      normal: {
        deadlineWorkingDays: intVar(env, 'DEADLINE_WORKING_DAYS', defaultTiming.normal.deadlineWorkingDays),
        reminderWorkingDaysBefore: intVar(
          env,
          'REMINDER_WORKING_DAYS',
          defaultTiming.normal.reminderWorkingDaysBefore,
        ),
      },
      fastTrack: {
        deadlineWorkingDays: intVar(
          env,
          'FAST_TRACK_DEADLINE_WORKING_DAYS',
          defaultTiming.fastTrack.deadlineWorkingDays,
        ),
        reminderWorkingDaysBefore: intVar(
          env,
          'FAST_TRACK_REMINDER_WORKING_DAYS',
          defaultTiming.fastTrack.reminderWorkingDaysBefore,
        ),
      },
    },
    reporting: {
      halfYearOpens: monthDay(env, 'REPORT_HALF_YEAR_OPENS', '06-01'),
      yearOpens: monthDay(env, 'REPORT_YEAR_OPENS', '11-01'),
      dueInDays: intVar(env, 'REPORT_DUE_DAYS', 15),
      reminderDaysBefore: intVar(env, 'REPORT_REMINDER_DAYS', 3),
    },
    movementReminderDays: intVar(env, 'MOVEMENT_REMINDER_DAYS', 7),
    sessionHours: intVar(env, 'SESSION_HOURS', 12),
    cookieSecure: textVar(env, 'COOKIE_SECURE') === 'true',
    payloadKeys: payloadKeys(env),
    mailSendingTimeoutMinutes: mailSendingTimeout(env),
    smtp:
      smtpHost === undefined
        ? null
        : {
            host: smtpHost,
            port: intVar(env, 'SMTP_PORT', 587),
            secure: textVar(env, 'SMTP_SECURE') === 'true',
            user: textVar(env, 'SMTP_USER'),
            password: textVar(env, 'SMTP_PASSWORD'),
            from: textVar(env, 'MAIL_FROM') ?? 'Thi đua - Khen thưởng <no-reply@localhost>',
          },
  };
}
