import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultTiming, type Timing } from '../domain/deadlines.js';
import type { DataConverter } from '@temporalio/common';
import {
  developmentPayloadKey,
  parsePayloadKeys,
  payloadDataConverter,
  type PayloadKey,
} from './payload-codec.js';

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

/** A limit of 0 would lock everyone out (or let nothing through), which nobody means. */
function positiveIntVar(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const value = intVar(env, name, fallback);
  if (value === 0)
    throw new Error(`Environment variable ${name} must be at least 1, got "${env[name] ?? ''}"`);
  return value;
}

/** A comma-separated list of origins (`https://host[:port]`), each checked and normalised as browsers send it. */
function trustProxyVar(env: NodeJS.ProcessEnv): boolean | string[] {
  const raw = textVar(env, 'TRUST_PROXY');
  if (raw === undefined || raw === 'false') return false;
  if (raw === 'true') return true;
  return raw
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

function originsVar(env: NodeJS.ProcessEnv, name: string): string[] {
  const raw = textVar(env, name);
  if (raw === undefined) return [];
  return raw
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '')
    .map((item) => {
      const url = URL.canParse(item) ? new URL(item) : undefined;
      const bare =
        url?.protocol.startsWith('http') === true &&
        url.pathname === '/' &&
        url.search === '' &&
        url.hash === '' &&
        url.username === '';
      if (url === undefined || !bare) {
        throw new Error(
          `Environment variable ${name} must list origins such as https://thidua.example.vn, separated by commas; "${item}" is not one`,
        );
      }
      return url.origin;
    });
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

/** PUBLIC_URL: an http(s) address, kept without a trailing slash; the API's own address when unset. */
function publicUrlVar(env: NodeJS.ProcessEnv): string {
  const raw = textVar(env, 'PUBLIC_URL');
  if (raw === undefined) return `http://localhost:${intVar(env, 'API_PORT', 3000)}`;
  const url = URL.canParse(raw) ? new URL(raw) : undefined;
  if (url === undefined || (url.protocol !== 'https:' && url.protocol !== 'http:'))
    throw new Error(
      `Environment variable PUBLIC_URL must be an address such as https://thidua.example.vn; "${raw}" is not one`,
    );
  return url.toString().replace(/\/+$/, '');
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
  /**
   * A workflow bundle built beforehand (`bundleWorkflowCode`), as Temporal advises for production: the worker then
   * starts in a second instead of bundling the workflows from source at every start.
   */
  workflowBundle: string | undefined;
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
  /**
   * Where the public can reach this service (PUBLIC_URL): printed papers carry `<it>/xac-minh/<code>` as a QR code.
   * Defaults to the API's own address, which only this machine reaches: a deployment sets its public name.
   */
  publicUrl: string;
  /** How long a login lasts. */
  sessionHours: number;
  /** Send the session cookie only over HTTPS (set behind a TLS proxy). */
  cookieSecure: boolean;
  /** Guessing passwords: attempts per client address, and the lock-out of an account after wrong passwords. */
  login: LoginLimits;
  /**
   * Origins besides the API's own (the Host it is asked under) whose pages may send changes with the session
   * cookie, e.g. the public name of a front proxy that rewrites Host.
   */
  allowedOrigins: string[];
  /**
   * Which proxies in front of the API to believe about the client's address (X-Forwarded-For): false (none, the
   * default), true (any), or addresses and CIDR ranges. The login's rate limit counts per address.
   */
  trustProxy: boolean | string[];
  /**
   * Keys that encrypt Temporal payloads, the first one current. Empty when PAYLOAD_KEYS is unset outside development:
   * the processes that talk to Temporal then refuse to start (infra/payload-codec.ts says how to set it).
   */
  payloadKeys: PayloadKey[];
  /** Minutes after which an e-mail still `sending` is taken as interrupted (its fate unknown). */
  mailSendingTimeoutMinutes: number;
}

export interface LoginLimits {
  /** Login attempts one client address may make per window, right or wrong. */
  rateLimitMax: number;
  rateLimitWindowSeconds: number;
  /** Consecutive wrong passwords for one username, each within the window of the first, that lock it. */
  maxFailures: number;
  failureWindowMinutes: number;
  lockMinutes: number;
}

export const defaultLoginLimits: LoginLimits = {
  rateLimitMax: 30,
  rateLimitWindowSeconds: 60,
  maxFailures: 5,
  failureWindowMinutes: 15,
  lockMinutes: 15,
};

export interface SmtpConfig {
  host: string;
  port: number;
  secure: boolean;
  user: string | undefined;
  password: string | undefined;
  from: string;
}

/**
 * Development is where a known key is harmless, and it is said so explicitly: NODE_ENV `development` or `test` (`npm
 * start`, the operator commands on this machine's own system and jest set it). Unset means a deployment, as in
 * production: a process started there without keys of its own refuses to start rather than sign or encrypt with a key
 * written in the source.
 */
function isDevelopment(env: NodeJS.ProcessEnv): boolean {
  const mode = textVar(env, 'NODE_ENV');
  return mode === 'development' || mode === 'test';
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
    workflowBundle: textVar(env, 'WORKFLOW_BUNDLE'),
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
    publicUrl: publicUrlVar(env),
    sessionHours: intVar(env, 'SESSION_HOURS', 12),
    cookieSecure: textVar(env, 'COOKIE_SECURE') === 'true',
    login: {
      rateLimitMax: positiveIntVar(env, 'LOGIN_RATE_LIMIT', defaultLoginLimits.rateLimitMax),
      rateLimitWindowSeconds: positiveIntVar(
        env,
        'LOGIN_RATE_WINDOW_SECONDS',
        defaultLoginLimits.rateLimitWindowSeconds,
      ),
      maxFailures: positiveIntVar(env, 'LOGIN_MAX_FAILURES', defaultLoginLimits.maxFailures),
      failureWindowMinutes: positiveIntVar(
        env,
        'LOGIN_FAILURE_WINDOW_MINUTES',
        defaultLoginLimits.failureWindowMinutes,
      ),
      lockMinutes: positiveIntVar(env, 'LOGIN_LOCK_MINUTES', defaultLoginLimits.lockMinutes),
    },
    allowedOrigins: originsVar(env, 'ALLOWED_ORIGINS'),
    trustProxy: trustProxyVar(env),
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

/** For development and tests only: anything else must bring its own key (see auditAnchorKey). */
export const DEVELOPMENT_ANCHOR_KEY = 'development-only-anchor-key: set AUDIT_ANCHOR_KEY in a deployment';

/**
 * The key that signs the heads of the event streams. A deployment that fell back to a key printed in the source would
 * let anyone with write access to the database re-sign a truncated stream, so outside development and tests
 * (NODE_ENV `development` or `test`; `npm start` and jest set them) a missing key is an error, not a default.
 */
export function auditAnchorKey(env: NodeJS.ProcessEnv = process.env): string {
  const key = textVar(env, 'AUDIT_ANCHOR_KEY');
  if (key !== undefined) return key;
  const mode = textVar(env, 'NODE_ENV');
  if (mode === 'development' || mode === 'test') return DEVELOPMENT_ANCHOR_KEY;
  throw new Error(
    `AUDIT_ANCHOR_KEY is not set (NODE_ENV=${mode ?? '(unset)'}): it signs the audit anchors of the event streams. ` +
      'Give the worker and the API the same secret of your own (e.g. `openssl rand -hex 32`), kept out of the database ' +
      'and its backups; only NODE_ENV=development or test may run on the built-in development key.',
  );
}

/**
 * The keys a process that signs anchors or talks to Temporal needs, checked at its start rather than at its first
 * signature or workflow: without them outside development it says why and exits with code 2, before connecting to
 * anything. Answers the payload codec's data converter.
 */
export function keysOrExit(
  config: { payloadKeys: readonly PayloadKey[] },
  report: (message: string) => void,
): DataConverter {
  try {
    auditAnchorKey();
    return payloadDataConverter(config);
  } catch (err) {
    report(err instanceof Error ? err.message : String(err));
    process.exit(2);
  }
}
