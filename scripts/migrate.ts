/**
 * `npm run db:migrate`: brings the database to the latest schema. Against DATABASE_URL when set; otherwise
 * against the embedded cluster of `npm start` (started for the occasion and stopped after).
 */
import { createDb, migrateToLatest } from '../db/connect.js';
import { loadConfig } from '../infra/config.js';
import { APP_DATABASE } from '../infra/local-services.js';
import { createDatabaseIfMissing, startEmbeddedPostgres } from '../infra/embedded-postgres.js';

const config = loadConfig();
let url = config.databaseUrl;
let stop = (): Promise<void> => Promise.resolve();
if (url === undefined) {
  const pg = await startEmbeddedPostgres({
    dataDir: config.pgDataDir,
    port: config.pgPort,
    persistent: true,
  });
  await createDatabaseIfMissing(pg.url, APP_DATABASE);
  url = pg.databaseUrl(APP_DATABASE);
  stop = () => pg.stop();
}
const db = createDb(url);
try {
  const result = await migrateToLatest(db);
  const applied = result.results ?? [];
  console.log(
    applied.length === 0
      ? 'Already at the latest migration.'
      : applied.map((r) => `${r.status}: ${r.migrationName}`).join('\n'),
  );
} finally {
  await db.destroy();
  await stop();
}
