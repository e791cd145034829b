import { Kysely, Migrator, PostgresDialect, type MigrationResultSet } from 'kysely';
import pg from 'pg';
import { migrations } from './migrations/index.js';
import type { Database } from './schema.js';

export interface DbOptions {
  max?: number;
  /**
   * Longest a single query may wait for its answer before the caller is told the database is unavailable (the API's
   * requests); unset, a query waits as long as PostgreSQL takes (activities, which have their own time limits).
   */
  queryTimeoutMs?: number;
  /** Told of every connection error (a server restart, a dropped socket); the default ignores them. */
  onConnectionError?: (err: Error) => void;
}

/** The `onConnectionError` of a long-running process: a warning in its log, since the pool replaces the client. */
export const warnOfLostConnections =
  (log: { warn(fields: object, message: string): void }) =>
  (err: Error): void =>
    log.warn({ err }, 'PostgreSQL connection lost; it will be replaced');

/**
 * How long to wait for a connection before the caller is told the database is unavailable. A request must get its
 * answer (a 503) in a bounded time, never wait on a server that is not there.
 */
export const CONNECT_TIMEOUT_MS = 3_000;

// Return int8 (bigserial ids, counts) as strings, timestamps as Dates: pg's defaults, stated here on purpose.
export function createDb(connectionString: string, options: DbOptions = {}): Kysely<Database> {
  const onError = options.onConnectionError ?? (() => undefined);
  const pool = new pg.Pool({
    connectionString,
    max: options.max ?? 10,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    // A half-open socket (the server's host gone without a reset) is found by TCP keep-alive within seconds, instead
    // of the system's two hours.
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
    ...(options.queryTimeoutMs !== undefined ? { query_timeout: options.queryTimeoutMs } : {}),
  });
  // An idle client losing its server (restart, network) must not crash the process…
  pool.on('error', onError);
  // …nor may a checked-out one: pg emits 'error' on a client whose server ends the session (57P01 on a restart,
  // ECONNRESET) while no query is running on it, e.g. inside a transaction waiting on other work, and an 'error'
  // event without a listener ends the process. The client is then unusable: its next query fails, the caller sees
  // that failure, and the pool discards it when it is released.
  pool.on('connect', (client) => client.on('error', onError));
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

export async function migrateToLatest(db: Kysely<Database>): Promise<MigrationResultSet> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: () => Promise.resolve(migrations) },
  });
  const result = await migrator.migrateToLatest();
  if (result.error !== undefined) {
    const failed = result.results?.find((r) => r.status === 'Error');
    const cause = result.error instanceof Error ? result.error.message : JSON.stringify(result.error);
    throw new Error(`Migration ${failed?.migrationName ?? '(unknown)'} failed: ${cause}`);
  }
  return result;
}
