/**
 * `npm run schedules:apply` creates or updates the reporting calendar's Temporal Schedules; `npm run schedules:list`
 * shows them with their next action times in Vietnam time. Against TEMPORAL_ADDRESS, else the running `npm start`'s
 * Temporal, else a dev server on `npm start`'s data started for the occasion (scripts/with-database.ts).
 */
import './local-defaults.js';
import { loadConfig } from '../infra/config.js';
import { applySchedules, listSchedules } from '../infra/schedules.js';
import { vi } from '../messages/vi.js';
import { withTemporal } from './with-database.js';

const command = process.argv[2];
const config = loadConfig();
if (command !== 'apply' && command !== 'list') {
  console.error(vi.schedulesCommand.usage);
  process.exit(2);
}
await withTemporal(config, async (client) => {
  if (command === 'apply') {
    const { created, updated } = await applySchedules(client, config);
    console.log(
      vi.schedulesCommand.applied({ created: created.join(', ') || '—', updated: updated.join(', ') || '—' }),
    );
  } else {
    for (const s of await listSchedules(client))
      console.log(
        `${s.scheduleId.padEnd(20)} ${vi.schedulesCommand.next(s.nextActionTimes.slice(0, 3).join(', '))}`,
      );
  }
});
