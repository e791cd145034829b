/**
 * Brings up what the system stands on, on this machine: PostgreSQL (embedded unless DATABASE_URL) and
 * Temporal (a dev server unless TEMPORAL_ADDRESS). Shared by `npm start` and by the test harness.
 */
import path from 'node:path';
import type { Config } from './config.js';
import { createDatabaseIfMissing, startEmbeddedPostgres } from './embedded-postgres.js';
import { findTemporalTool } from './temporal-tools.js';
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
      options.log(`PostgreSQL: embedded, data in ${config.pgDataDir}, port ${config.pgPort}`);
      const pg = await startEmbeddedPostgres({
        dataDir: config.pgDataDir,
        port: config.pgPort,
        persistent: options.persistent,
      });
      stops.push(() => pg.stop());
      await createDatabaseIfMissing(pg.url, APP_DATABASE);
      databaseUrl = pg.databaseUrl(APP_DATABASE);
    }

    let temporalAddress: string;
    let temporalUiUrl: string | undefined;
    if (config.temporalAddress !== undefined) {
      temporalAddress = config.temporalAddress;
      options.log(`Temporal: external at ${temporalAddress}`);
      await waitForTemporal(temporalAddress, config.startupTimeoutMs);
    } else {
      const cli = await findTemporalTool('cli', { toolsDir: config.toolsDir, log: options.log });
      options.log(
        `Temporal: dev server from ${cli.path} (found via ${cli.source}), port ${config.temporalPort}`,
      );
      const server = await startDevServer({
        cliPath: cli.path,
        dbFile: options.temporalDbFile ?? path.join(config.dataDir, 'temporal.sqlite'),
        port: config.temporalPort,
        uiPort: options.withUi ? config.temporalUiPort : undefined,
        namespace: config.temporalNamespace,
        readyTimeoutMs: config.startupTimeoutMs,
      });
      stops.push(() => server.stop());
      temporalAddress = server.address;
      temporalUiUrl = server.uiUrl;
    }
    return { databaseUrl, temporalAddress, temporalUiUrl, stop: stopAll };
  } catch (err) {
    await stopAll();
    throw err;
  }
}
