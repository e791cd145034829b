import { Client, Connection } from '@temporalio/client';
import type { Kysely } from 'kysely';
import { createDb } from '../db/connect.js';
import type { Database } from '../db/schema.js';
import type { Config } from '../infra/config.js';
import { payloadDataConverter } from '../infra/payload-codec.js';
import { joinOrStartServices } from '../infra/local-services.js';

// On stderr: the commands print their results on stdout, which scripts and tests read.
const log = (message: string): void => console.error(message);

/**
 * Runs a one-off task against the database: DATABASE_URL when set, else the running `npm start`'s, else the
 * embedded cluster of `npm start`, started for the occasion and stopped after (see joinOrStartServices).
 */
export async function withDatabase<T>(
  config: Config,
  task: (db: Kysely<Database>) => Promise<T>,
): Promise<T> {
  const services = await joinOrStartServices(config, { database: true, temporal: false }, log);
  try {
    if (services.databaseUrl === undefined) throw new Error('no database');
    const db = createDb(services.databaseUrl);
    try {
      return await task(db);
    } finally {
      await db.destroy();
    }
  } finally {
    await services.stop();
  }
}

/**
 * Runs a one-off task with a Temporal client: TEMPORAL_ADDRESS when set, else the running `npm start`'s server (and
 * namespace), else a dev server on `npm start`'s data, started for the occasion and stopped after.
 */
export async function withTemporal<T>(config: Config, task: (client: Client) => Promise<T>): Promise<T> {
  const services = await joinOrStartServices(config, { database: false, temporal: true }, log);
  try {
    if (services.temporal === undefined) throw new Error('no Temporal');
    const connection = await Connection.connect({ address: services.temporal.address });
    try {
      // The development keys on this machine's own system: the commands import scripts/local-defaults.ts first.
      const dataConverter = payloadDataConverter(config);
      return await task(new Client({ connection, namespace: services.temporal.namespace, dataConverter }));
    } finally {
      await connection.close();
    }
  } finally {
    await services.stop();
  }
}
