/** `npm run demo:load`: loads the demo province (once) into DATABASE_URL, or the embedded database. */
import './local-defaults.js';
import { migrateToLatest } from '../db/connect.js';
import { loadConfig } from '../infra/config.js';
import { loadDemoData } from './demo/load.js';
import { withDatabase } from './with-database.js';

const config = loadConfig();
const result = await withDatabase(config, async (db) => {
  await migrateToLatest(db);
  return loadDemoData(db, { scale: config.demoScale });
});
console.log(
  result.loaded
    ? `Demo province loaded: ${result.units} units, ${result.members} members, ${result.accounts.length} accounts.`
    : 'Demo data was already loaded; nothing changed.',
);
