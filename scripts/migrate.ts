/** `npm run db:migrate`: brings the database (DATABASE_URL, or the embedded one) to the latest schema. */
import './local-defaults.js';
import { migrateToLatest } from '../db/connect.js';
import { loadConfig } from '../infra/config.js';
import { withDatabase } from './with-database.js';

const applied = await withDatabase(loadConfig(), async (db) => (await migrateToLatest(db)).results ?? []);
console.log(
  applied.length === 0
    ? 'Already at the latest migration.'
    : applied.map((r) => `${r.status}: ${r.migrationName}`).join('\n'),
);
