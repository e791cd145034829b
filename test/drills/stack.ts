/**
 * The system under drill, as separate OS processes, as a deployment runs it: an embedded PostgreSQL, a Temporal dev
 * server, the worker (`workers/main.ts`) and the API (`api/main.ts`), each its own process configured by environment
 * variables, plus a real SMTP server (in this process) that counts what it receives. The stack can kill any of them
 * hard and start it again on the same port and data, and it plays the process supervisor for the worker and the API:
 * one that exits when no drill killed it is started again and counted, because that is a restart someone would
 * otherwise have had to do by hand.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  type WriteStream,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import proto from '@temporalio/proto';
import getPort from 'get-port';
import { SMTPServer } from 'smtp-server';
import { projectRoot } from '../../infra/config.js';
import {
  createDatabaseIfMissing,
  startEmbeddedPostgres,
  type RunningPostgres,
} from '../../infra/embedded-postgres.js';
import { APP_DATABASE } from '../../infra/local-services.js';
import { startDevServer, type RunningDevServer } from '../../infra/temporal-dev-server.js';
import { findTemporalTool } from '../../infra/temporal-tools.js';
import { writeWorkflowBundle } from '../../workers/nomination-worker.js';

export type ServiceName = 'api' | 'worker';

export interface MailSink {
  port: number;
  /** Messages received per X-Notification-Id header (a notification's identity). */
  byNotification: Map<string, number>;
  received(): number;
  close(): Promise<void>;
}

/** A real SMTP server that keeps count of every message it accepts, by the notification it carries. */
export async function startMailSink(): Promise<MailSink> {
  const byNotification = new Map<string, number>();
  let received = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        received++;
        const id = /^X-Notification-Id:\s*([^\r\n]+)/im.exec(raw)?.[1]?.trim() ?? '(none)';
        byNotification.set(id, (byNotification.get(id) ?? 0) + 1);
        callback();
      });
    },
  });
  // A client killed mid-session (the worker in drill a, every process at the end) resets its socket: smtp-server reports
  // that as an 'error' event on the server, which would otherwise end the runner. The session's mail simply did not
  // arrive, which is what the checks count.
  server.on('error', () => undefined);
  const port = await getPort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    port,
    byNotification,
    received: () => received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

interface ManagedService {
  child: ChildProcess;
  /** Set when the stack itself ended it (a drill's kill, or the final stop): not a crash. */
  ending: boolean;
  exited: Promise<void>;
}

export interface StackOptions {
  /** Folder for the data and the logs; made, and removed by `stop({ keepFiles: false })`. */
  dir: string;
  log: (message: string) => void;
}

export interface DrillStack {
  dir: string;
  databaseUrl: string;
  temporalAddress: string;
  apiUrl: string;
  mail: MailSink;
  pid(service: ServiceName): number | undefined;
  /** Restarts of the worker or API after exits no drill caused, since the stack started. */
  unplannedRestarts(): { service: ServiceName; at: Date; exit: string }[];
  killService(service: ServiceName): Promise<void>;
  startService(service: ServiceName): Promise<void>;
  /** SIGKILL to the dev server; its SQLite file stays. */
  killTemporal(): Promise<void>;
  startTemporal(): Promise<void>;
  /** SIGKILL to the postmaster and every backend: a crash, with recovery from the WAL at the next start. */
  killPostgres(): Promise<void>;
  startPostgres(): Promise<void>;
  waitForApi(timeoutMs: number): Promise<void>;
  waitForWorker(timeoutMs: number): Promise<void>;
  /** The last lines a service printed (for a failure's report). */
  tail(name: string): string;
  stop(options?: { keepFiles?: boolean }): Promise<void>;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Children of a process, from /proc (Linux): PostgreSQL's backends are the postmaster's. */
function childrenOf(pid: number): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // The command name is in parentheses and may hold spaces: the parent pid is the second field after it.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) found.push(Number(entry));
    } catch {
      // ended while we looked
    }
  }
  return found;
}

/** A fresh folder the `postgres` OS user can reach (PostgreSQL runs as that user when we are root). */
export function drillFolder(base: string = os.tmpdir()): string {
  const dir = path.join(base, `thidua-drills-${process.pid}-${Date.now()}`);
  mkdirSync(dir, { recursive: true, mode: 0o755 });
  return dir;
}

export async function startDrillStack(options: StackOptions): Promise<DrillStack> {
  const { dir, log } = options;
  const logs = path.join(dir, 'logs');
  mkdirSync(logs, { recursive: true });
  const tails = new Map<string, string[]>();
  const logFiles = new Map<string, WriteStream>();
  const writer = (name: string): ((line: string) => void) => {
    const file = createWriteStream(path.join(logs, `${name}.log`), { flags: 'a' });
    logFiles.set(name, file);
    return (line: string) => {
      file.write(`${line}\n`);
      const tail = tails.get(name) ?? [];
      tail.push(line);
      if (tail.length > 40) tail.shift();
      tails.set(name, tail);
    };
  };
  const ports = { pg: await getPort(), temporal: await getPort(), api: await getPort() };
  const pgDataDir = path.join(dir, 'postgres');
  const temporalDbFile = path.join(dir, 'temporal.sqlite');
  const pgLog = writer('postgres');
  const temporalLog = writer('temporal');
  const cli = await findTemporalTool('cli', { toolsDir: path.join(projectRoot, '.tools'), log: temporalLog });

  let pg: RunningPostgres | undefined;
  let dev: RunningDevServer | undefined;
  let mail: MailSink | undefined;
  const services = new Map<ServiceName, ManagedService>();
  const unplanned: { service: ServiceName; at: Date; exit: string }[] = [];
  const control = { stopping: false };

  const startPostgres = async (): Promise<void> => {
    pg = await startEmbeddedPostgres({ dataDir: pgDataDir, port: ports.pg, persistent: true, onLog: pgLog });
  };
  const startTemporal = async (): Promise<void> => {
    dev = await startDevServer({
      cliPath: cli.path,
      dbFile: temporalDbFile,
      port: ports.temporal,
      uiPort: undefined,
      readyTimeoutMs: 120_000,
      onLog: temporalLog,
    });
  };

  const temporalAddress = `127.0.0.1:${ports.temporal}`;
  const apiUrl = `http://127.0.0.1:${ports.api}`;
  let databaseUrl = '';
  let serviceEnv: NodeJS.ProcessEnv = {};

  const startService = async (service: ServiceName): Promise<void> => {
    const script = service === 'api' ? 'api/main.ts' : 'workers/main.ts';
    const child = spawn(process.execPath, ['--import', 'tsx', script], {
      cwd: projectRoot,
      env: serviceEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const write = writer(service);
    const onData = (chunk: Buffer): void => {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim() !== '') write(line);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    const managed: ManagedService = {
      child,
      ending: false,
      exited: new Promise((resolve) => child.once('exit', () => resolve())),
    };
    services.set(service, managed);
    child.once('exit', (code, signal) => {
      write(`[drills] ${service} (pid ${child.pid}) exited: code ${code}, signal ${signal}`);
      if (managed.ending || control.stopping) return;
      // Nobody asked it to go: a supervisor would start it again, and so do we, but it counts against the drill.
      const exit = `code ${code}, signal ${signal}`;
      unplanned.push({ service, at: new Date(), exit });
      log(`${service} exited by itself (${exit}); starting it again (a restart by hand)`);
      setTimeout(() => {
        if (!control.stopping) void startService(service);
      }, 1_000);
    });
    await Promise.resolve();
  };

  const killService = async (service: ServiceName): Promise<void> => {
    const managed = services.get(service);
    if (managed === undefined) return;
    managed.ending = true;
    managed.child.kill('SIGKILL');
    await managed.exited;
  };

  const stopService = async (service: ServiceName): Promise<void> => {
    const managed = services.get(service);
    if (managed === undefined || managed.child.exitCode !== null || managed.child.signalCode !== null) return;
    managed.ending = true;
    managed.child.kill('SIGTERM');
    const timer = setTimeout(() => managed.child.kill('SIGKILL'), 15_000);
    await managed.exited;
    clearTimeout(timer);
  };

  const killPostgres = async (): Promise<void> => {
    const pidFile = path.join(pgDataDir, 'postmaster.pid');
    const postmaster = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
    const backends = childrenOf(postmaster);
    // The postmaster first, so that it cannot start anything again when it sees its backends die.
    process.kill(postmaster, 'SIGKILL');
    for (const pid of backends) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // gone already
      }
    }
    const deadline = Date.now() + 15_000;
    while ([postmaster, ...backends].some(alive) && Date.now() < deadline) await sleep(50);
    // Let Node see its child's exit before the package is told to forget it.
    await sleep(200);
    const old = pg;
    pg = undefined;
    await Promise.race([old?.stop(), sleep(5_000)]);
  };

  const killTemporal = async (): Promise<void> => {
    const server = dev;
    if (server === undefined) return;
    const exited = new Promise<void>((resolve) => {
      if (server.process.exitCode !== null || server.process.signalCode !== null) resolve();
      else server.process.once('exit', () => resolve());
    });
    server.process.kill('SIGKILL');
    await exited;
    dev = undefined;
  };

  const stop = async (stopOptions: { keepFiles?: boolean } = {}): Promise<void> => {
    control.stopping = true;
    await Promise.all([stopService('api'), stopService('worker')]);
    await dev?.stop().catch((err: unknown) => log(`stopping Temporal failed: ${String(err)}`));
    dev = undefined;
    await pg?.stop().catch((err: unknown) => log(`stopping PostgreSQL failed: ${String(err)}`));
    pg = undefined;
    await mail?.close();
    for (const file of logFiles.values()) file.end();
    if (stopOptions.keepFiles !== true) rmSync(dir, { recursive: true, force: true });
  };

  try {
    log(`PostgreSQL: embedded, port ${ports.pg}, data in ${pgDataDir}`);
    await startPostgres();
    if (pg === undefined) throw new Error('PostgreSQL did not start');
    await createDatabaseIfMissing(pg.url, APP_DATABASE);
    databaseUrl = pg.databaseUrl(APP_DATABASE);
    log(`Temporal: dev server ${cli.path}, ${temporalAddress}`);
    await startTemporal();
    mail = await startMailSink();
    log(`SMTP sink: 127.0.0.1:${mail.port}`);
    // Bundled once, as a deployment would at build time: each worker (re)start then takes a second, not a bundling.
    const bundlePath = path.join(dir, 'workflow-bundle.js');
    await writeWorkflowBundle(bundlePath);
    serviceEnv = {
      ...process.env,
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
      LOG_FORMAT: 'json',
      DATABASE_URL: databaseUrl,
      TEMPORAL_ADDRESS: temporalAddress,
      TEMPORAL_NAMESPACE: 'default',
      TEMPORAL_TASK_QUEUE: 'nominations',
      WORKFLOW_BUNDLE: bundlePath,
      API_HOST: '127.0.0.1',
      API_PORT: String(ports.api),
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(mail.port),
      // The drill's clients all come from 127.0.0.1: the per-address login limit is not what is being drilled.
      LOGIN_RATE_LIMIT: '10000',
    };
  } catch (err) {
    await stop({ keepFiles: true });
    throw err;
  }
  const sink = mail;

  return {
    dir,
    databaseUrl,
    temporalAddress,
    apiUrl,
    mail: sink,
    pid: (service) => services.get(service)?.child.pid,
    unplannedRestarts: () => [...unplanned],
    killService,
    startService,
    killTemporal,
    startTemporal,
    killPostgres,
    startPostgres,
    async waitForApi(timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        try {
          const health = await fetch(`${apiUrl}/api/health`, { signal: AbortSignal.timeout(5_000) });
          if (health.status === 200) return;
        } catch {
          // not listening yet
        }
        if (Date.now() > deadline) throw new Error(`the API was not healthy within ${timeoutMs} ms`);
        await sleep(250);
      }
    },
    async waitForWorker(timeoutMs) {
      const connection = await Connection.connect({ address: temporalAddress });
      try {
        const deadline = Date.now() + timeoutMs;
        for (;;) {
          const described = await connection.workflowService.describeTaskQueue({
            namespace: 'default',
            taskQueue: { name: 'nominations' },
            taskQueueType: proto.temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
          });
          if (described.pollers.length > 0) return;
          if (Date.now() > deadline) throw new Error(`no worker polled within ${timeoutMs} ms`);
          await sleep(500);
        }
      } finally {
        await connection.close();
      }
    },
    tail: (name) => (tails.get(name) ?? []).join('\n'),
    stop,
  };
}

/** Processes whose command line names the folder: a check that nothing the drills started is left. */
export function processesUsing(dir: string): string[] {
  const found: string[] = [];
  if (!existsSync('/proc')) return found;
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
      if (cmdline.includes(dir)) found.push(`${pid}: ${cmdline}`);
    } catch {
      // ended while we looked
    }
  }
  return found;
}
