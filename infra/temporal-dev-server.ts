/**
 * Runs `temporal server start-dev` as a child process. We start it ourselves rather than through the SDK's
 * helper because the helper allows the server 5 s to come up, which a loaded 2-core machine misses.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { projectSearchAttributes } from '../workflows/search-attributes.js';

/** The CLI spells search attribute types in PascalCase; the SDK's keys use upper snake case. */
const cliTypeNames: Record<string, string> = {
  KEYWORD: 'Keyword',
  TEXT: 'Text',
  INT: 'Int',
  DOUBLE: 'Double',
  BOOL: 'Bool',
  DATETIME: 'Datetime',
  KEYWORD_LIST: 'KeywordList',
};

export interface DevServerOptions {
  cliPath: string;
  /** SQLite file; it persists workflow histories across restarts. None: in memory (the tests' server, never restarted). */
  dbFile: string | undefined;
  port: number;
  /** Web UI port; `undefined` runs headless (tests). */
  uiPort: number | undefined;
  ip?: string;
  namespace?: string;
  /** More namespaces to create beside it (the tests give the one that asserts on schedules a namespace of its own). */
  extraNamespaces?: string[];
  readyTimeoutMs?: number;
  logLevel?: string;
  onLog?: (line: string) => void;
}

export interface RunningDevServer {
  address: string;
  uiUrl: string | undefined;
  process: ChildProcess;
  stop(): Promise<void>;
}

export async function startDevServer(options: DevServerOptions): Promise<RunningDevServer> {
  if (options.dbFile !== undefined) mkdirSync(path.dirname(options.dbFile), { recursive: true });
  const ip = options.ip ?? '127.0.0.1';
  const args = [
    'server',
    'start-dev',
    // WAL lets readers and the writer proceed together; without it the server stalls under load.
    ...(options.dbFile !== undefined
      ? ['--db-filename', options.dbFile, '--sqlite-pragma', 'journal_mode=WAL']
      : []),
    '--ip',
    ip,
    '--port',
    String(options.port),
    '--log-level',
    options.logLevel ?? 'warn',
    '--namespace',
    options.namespace ?? 'default',
    ...(options.extraNamespaces ?? []).flatMap((name) => ['--namespace', name]),
  ];
  if (options.uiPort === undefined) args.push('--headless');
  else args.push('--ui-port', String(options.uiPort));
  for (const key of projectSearchAttributes) {
    args.push('--search-attribute', `${key.name}=${cliTypeNames[key.type] ?? 'Keyword'}`);
  }

  const child = spawn(options.cliPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  const keep = (chunk: Buffer): void => {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (line.trim() === '') continue;
      output.push(line);
      if (output.length > 50) output.shift();
      options.onLog?.(line);
    }
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);

  let exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  const exitPromise = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exited = { code, signal };
      resolve();
    });
  });

  const address = `${ip}:${options.port}`;
  const stop = async (): Promise<void> => {
    if (exited !== undefined) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exitPromise;
    clearTimeout(timer);
  };

  try {
    await waitForTemporal(address, options.readyTimeoutMs ?? 120_000, () => {
      if (exited !== undefined) {
        throw new Error(
          `temporal server start-dev exited (code ${exited.code}, signal ${exited.signal}) before it was ready:\n${output.join('\n')}`,
        );
      }
    });
  } catch (err) {
    await stop();
    throw err;
  }
  return {
    address,
    uiUrl: options.uiPort === undefined ? undefined : `http://${ip}:${options.uiPort}`,
    process: child,
    stop,
  };
}

/** Polls the frontend's health check until it answers SERVING, or the time runs out. */
export async function waitForTemporal(
  address: string,
  timeoutMs: number,
  checkAlive: () => void = () => undefined,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    checkAlive();
    try {
      const connection = await Connection.connect({ address, connectTimeout: 2_000 });
      try {
        await connection.workflowService.getSystemInfo({});
        return;
      } finally {
        await connection.close();
      }
    } catch (err) {
      lastError = err;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(
    `Temporal at ${address} was not ready within ${timeoutMs} ms: ${lastError instanceof Error ? lastError.message : String(lastError)}`,
  );
}
