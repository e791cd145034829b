/**
 * `npm start` records where its PostgreSQL and Temporal listen in `$DATA_DIR/runtime.json`, so that the commands
 * started beside it (`npm run audit`, `schedules:*`, `projections:rebuild`, `db:migrate`, …) join those servers
 * rather than start a second embedded PostgreSQL on the same folder and port (which fails) or guess at Temporal's
 * port. The record names the process that wrote it: once that process is gone (killed, crashed, machine restarted)
 * the file is stale and readers ignore it.
 */
import { readFileSync, renameSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Config } from './config.js';

export interface RuntimeRecord {
  databaseUrl: string;
  temporalAddress: string;
  namespace: string;
  /** The `npm start` process; the record holds only while it runs. */
  pid: number;
  startedAt: string;
}

export type RuntimeLookup =
  | { state: 'running'; record: RuntimeRecord }
  | { state: 'stale'; record: RuntimeRecord }
  | { state: 'absent' }
  | { state: 'unreadable'; reason: string };

export function runtimeFilePath(config: Pick<Config, 'dataDir'>): string {
  return path.join(config.dataDir, 'runtime.json');
}

/** Whether a process with this id runs (EPERM: it does, as another user). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Writes the record for this process, atomically (a reader sees the old file or the new one, never half of one), and
 * readable by its owner only: the database URL may carry a password.
 */
export function writeRuntimeFile(
  config: Pick<Config, 'dataDir'>,
  where: Pick<RuntimeRecord, 'databaseUrl' | 'temporalAddress' | 'namespace'>,
): RuntimeRecord {
  const record: RuntimeRecord = { ...where, pid: process.pid, startedAt: new Date().toISOString() };
  const file = runtimeFilePath(config);
  mkdirSync(path.dirname(file), { recursive: true });
  const partial = `${file}.${process.pid}.tmp`;
  writeFileSync(partial, `${JSON.stringify(record, null, 2)}\n`, { mode: 0o600 });
  renameSync(partial, file);
  return record;
}

/** Removes the record if this process wrote it: a second `npm start` that failed must not remove the first's. */
export function removeRuntimeFile(config: Pick<Config, 'dataDir'>): void {
  const found = readRuntimeFile(config);
  if (found.state !== 'absent' && found.state !== 'unreadable' && found.record.pid !== process.pid) return;
  rmSync(runtimeFilePath(config), { force: true });
}

function isRecord(value: unknown): value is RuntimeRecord {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.databaseUrl === 'string' &&
    typeof v.temporalAddress === 'string' &&
    typeof v.namespace === 'string' &&
    typeof v.pid === 'number' &&
    Number.isInteger(v.pid) &&
    v.pid > 0 &&
    typeof v.startedAt === 'string'
  );
}

export function readRuntimeFile(config: Pick<Config, 'dataDir'>): RuntimeLookup {
  let text: string;
  try {
    text = readFileSync(runtimeFilePath(config), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { state: 'absent' };
    return { state: 'unreadable', reason: err instanceof Error ? err.message : String(err) };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    return { state: 'unreadable', reason: err instanceof Error ? err.message : String(err) };
  }
  if (!isRecord(parsed)) return { state: 'unreadable', reason: 'not a runtime record' };
  return { state: isProcessAlive(parsed.pid) ? 'running' : 'stale', record: parsed };
}
