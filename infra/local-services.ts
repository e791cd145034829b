/**
 * Brings up what the system stands on, on this machine: PostgreSQL (embedded unless DATABASE_URL) and
 * Temporal (a dev server unless TEMPORAL_ADDRESS). `startLocalServices` is `npm start`'s; `joinOrStartServices` is
 * the one-off commands', which join a running `npm start` before starting anything of their own.
 */
import path from 'node:path';
import type { Config } from './config.js';
import { createDatabaseIfMissing, startEmbeddedPostgres } from './embedded-postgres.js';
import { findTemporalTool } from './temporal-tools.js';
import { readRuntimeFile, removeRuntimeFile, runtimeFilePath, writeRuntimeFile } from './runtime-file.js';
import { startDevServer, waitForTemporal } from './temporal-dev-server.js';

export const APP_DATABASE = 'thidua';

export interface LocalServices {
  databaseUrl: string;
  temporalAddress: string;
  temporalUiUrl: string | undefined;
  /** Stops what this call started, newest first; external servers are left alone. */
  stop(): Promise<void>;
}

export interface LocalServiceOptions {
  /** Keep PostgreSQL's data after stop (npm start) or not (tests). */
  persistent: boolean;
  /** Run Temporal's web UI (npm start) or not (tests). */
  withUi: boolean;
  log: (message: string) => void;
  /** Where the dev server's SQLite file lives; default: the data folder. */
  temporalDbFile?: string;
}

export async function startLocalServices(
  config: Config,
  options: LocalServiceOptions,
): Promise<LocalServices> {
  const stops: (() => Promise<void>)[] = [];
  const stopAll = async (): Promise<void> => {
    for (const stop of stops.reverse()) {
      try {
        await stop();
      } catch (err) {
        options.log(`stop failed: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    stops.length = 0;
  };

  try {
    let databaseUrl: string;
    if (config.databaseUrl !== undefined) {
      databaseUrl = config.databaseUrl;
      options.log(`PostgreSQL: external (DATABASE_URL)`);
    } else {
      const pg = await startOwnDatabase(config, options);
      stops.push(pg.stop);
      databaseUrl = pg.databaseUrl;
    }

    let temporalAddress: string;
    let temporalUiUrl: string | undefined;
    if (config.temporalAddress !== undefined) {
      temporalAddress = config.temporalAddress;
      options.log(`Temporal: external at ${temporalAddress}`);
      await waitForTemporal(temporalAddress, config.startupTimeoutMs);
    } else {
      const server = await startOwnTemporal(config, options);
      stops.push(server.stop);
      temporalAddress = server.address;
      temporalUiUrl = server.uiUrl;
    }
    return { databaseUrl, temporalAddress, temporalUiUrl, stop: stopAll };
  } catch (err) {
    await stopAll();
    throw err;
  }
}

async function startOwnDatabase(
  config: Config,
  options: Pick<LocalServiceOptions, 'persistent' | 'log'>,
): Promise<{ databaseUrl: string; stop: () => Promise<void> }> {
  options.log(`PostgreSQL: embedded, data in ${config.pgDataDir}, port ${config.pgPort}`);
  const pg = await startEmbeddedPostgres({
    dataDir: config.pgDataDir,
    port: config.pgPort,
    persistent: options.persistent,
  });
  try {
    await createDatabaseIfMissing(pg.url, APP_DATABASE);
  } catch (err) {
    await pg.stop();
    throw err;
  }
  return { databaseUrl: pg.databaseUrl(APP_DATABASE), stop: () => pg.stop() };
}

async function startOwnTemporal(
  config: Config,
  options: Pick<LocalServiceOptions, 'withUi' | 'log' | 'temporalDbFile'>,
): Promise<{ address: string; uiUrl: string | undefined; stop: () => Promise<void> }> {
  const cli = await findTemporalTool('cli', { toolsDir: config.toolsDir, log: options.log });
  options.log(`Temporal: dev server from ${cli.path} (found via ${cli.source}), port ${config.temporalPort}`);
  const server = await startDevServer({
    cliPath: cli.path,
    dbFile: options.temporalDbFile ?? path.join(config.dataDir, 'temporal.sqlite'),
    port: config.temporalPort,
    uiPort: options.withUi ? config.temporalUiPort : undefined,
    namespace: config.temporalNamespace,
    readyTimeoutMs: config.startupTimeoutMs,
  });
  return { address: server.address, uiUrl: server.uiUrl, stop: () => server.stop() };
}

/** `npm start` calls this once ready: the other commands read where to join it (infra/runtime-file.ts). */
export function recordRunningSystem(config: Config, services: LocalServices): () => Promise<void> {
  writeRuntimeFile(config, {
    databaseUrl: services.databaseUrl,
    temporalAddress: services.temporalAddress,
    namespace: config.temporalNamespace,
  });
  return async () => removeRuntimeFile(config);
}

export interface JoinedServices {
  /** Set when asked for. */
  databaseUrl: string | undefined;
  /** Set when asked for, with the namespace that goes with it. */
  temporal: { address: string; namespace: string } | undefined;
  /** Stops what this call started (nothing, when it joined running servers). */
  stop(): Promise<void>;
}

/** A database URL as a log may show it: no password. */
function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.password = '';
    return parsed.toString();
  } catch {
    return '(unparsable URL)';
  }
}

/**
 * The servers a one-off command (audit, schedules, projections, migrations) works against, each the first of:
 *
 *   1. the explicit setting (DATABASE_URL, TEMPORAL_ADDRESS): what the caller names wins, so a command aimed at
 *      another system (or a test's servers) never drifts to the `npm start` running in the same folder;
 *   2. the running `npm start` of this data folder, from its runtime file (a stale file, whose process is gone, is
 *      ignored), so that the command joins it instead of colliding with it;
 *   3. servers of its own on the data folder, as `npm start` would start them, stopped again by `stop()`.
 */
export async function joinOrStartServices(
  config: Config,
  needs: { database: boolean; temporal: boolean },
  log: (message: string) => void,
): Promise<JoinedServices> {
  const lookup = readRuntimeFile(config);
  const file = runtimeFilePath(config);
  if (lookup.state === 'stale')
    log(`Ignoring ${file}: the npm start that wrote it (pid ${lookup.record.pid}) is no longer running`);
  if (lookup.state === 'unreadable') log(`Ignoring ${file}: ${lookup.reason}`);
  const running = lookup.state === 'running' ? lookup.record : undefined;
  const joined = `npm start (pid ${running?.pid ?? '?'}, from ${file})`;

  const stops: (() => Promise<void>)[] = [];
  // Every server is stopped even when one fails to: a command must not leave a PostgreSQL behind on npm start's data.
  const stop = async (): Promise<void> => {
    const failures: unknown[] = [];
    for (const s of stops.reverse()) await s().catch((err: unknown) => failures.push(err));
    stops.length = 0;
    if (failures.length > 0) throw failures[0];
  };
  try {
    let databaseUrl: string | undefined;
    if (needs.database) {
      if (config.databaseUrl !== undefined) {
        databaseUrl = config.databaseUrl;
        log('PostgreSQL: DATABASE_URL');
      } else if (running !== undefined) {
        databaseUrl = running.databaseUrl;
        log(`PostgreSQL: joining ${joined} at ${withoutPassword(databaseUrl)}`);
      } else {
        const own = await startOwnDatabase(config, { persistent: true, log });
        stops.push(own.stop);
        databaseUrl = own.databaseUrl;
      }
    }

    let temporal: JoinedServices['temporal'];
    if (needs.temporal) {
      if (config.temporalAddress !== undefined) {
        temporal = { address: config.temporalAddress, namespace: config.temporalNamespace };
        log(`Temporal: TEMPORAL_ADDRESS ${config.temporalAddress}`);
      } else if (running !== undefined) {
        // The namespace goes with the server: npm start's, not a default that may differ.
        temporal = { address: running.temporalAddress, namespace: running.namespace };
        log(`Temporal: joining ${joined} at ${running.temporalAddress}, namespace ${running.namespace}`);
      } else {
        const own = await startOwnTemporal(config, { withUi: false, log });
        stops.push(own.stop);
        temporal = { address: own.address, namespace: config.temporalNamespace };
      }
    }
    return { databaseUrl, temporal, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
