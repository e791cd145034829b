/**
 * `npm run schedules:apply` creates or updates the reporting calendar's Temporal Schedules; `npm run schedules:list`
 * shows them with their next action times in Vietnam time. Against TEMPORAL_ADDRESS, or the local dev server's port
 * (so with `npm start` running).
 */
import { Client, Connection } from '@temporalio/client';
import { loadConfig } from '../infra/config.js';
import { payloadDataConverter } from '../infra/payload-codec.js';
import { applySchedules, listSchedules } from '../infra/schedules.js';

const command = process.argv[2];
const config = loadConfig();
const connection = await Connection.connect({
  address: config.temporalAddress ?? `127.0.0.1:${config.temporalPort}`,
});
const client = new Client({
  connection,
  namespace: config.temporalNamespace,
  dataConverter: payloadDataConverter(config),
});
try {
  if (command === 'apply') {
    const { created, updated } = await applySchedules(client, config);
    console.log(`created: ${created.join(', ') || '—'}; updated: ${updated.join(', ') || '—'}`);
  } else if (command === 'list') {
    for (const s of await listSchedules(client))
      console.log(`${s.scheduleId.padEnd(20)} next: ${s.nextActionTimes.slice(0, 3).join(', ')}`);
  } else {
    console.error('usage: npm run schedules:apply | npm run schedules:list');
    process.exitCode = 2;
  }
} finally {
  await connection.close();
}
