import type { Kysely } from 'kysely';
import { createDb } from '../db/connect.js';
import type { Database } from '../db/schema.js';
import type { Config } from '../infra/config.js';
import { createDatabaseIfMissing, startEmbeddedPostgres } from '../infra/embedded-postgres.js';
import { APP_DATABASE } from '../infra/local-services.js';

/**
 * Runs a one-off task against the database: DATABASE_URL when set, otherwise the embedded cluster of
 * `npm start`, started for the occasion and stopped after (so `npm start` must not be running).
 */
export async function withDatabase<T>(
  config: Config,
  task: (db: Kysely<Database>) => Promise<T>,
): Promise<T> {
  let url = config.databaseUrl;
  let stop = (): Promise<void> => Promise.resolve();
  if (url === undefined) {
    // The embedded cluster is `npm start`'s, on a developer's machine: its events are signed with the development key.
    process.env.NODE_ENV ??= 'development';
    const pg = await startEmbeddedPostgres({
      dataDir: config.pgDataDir,
      port: config.pgPort,
      persistent: true,
    });
    stop = () => pg.stop();
    await createDatabaseIfMissing(pg.url, APP_DATABASE);
    url = pg.databaseUrl(APP_DATABASE);
  }
  const db = createDb(url);
  try {
    return await task(db);
  } finally {
    await db.destroy();
    await stop();
  }
}
