/**
 * `npm run projections:rebuild [-- --swap]`: rebuilds every read model from the events into a scratch schema and shows
 * how it differs from the live one; with --swap, puts the rebuilt rows in place of the live ones. Exit code 0 when
 * identical (or swapped), 1 when they differ and were left alone.
 */
import './local-defaults.js';
import { parseArgs } from 'node:util';
import { Presets, SingleBar } from 'cli-progress';
import { dropScratch, rebuildProjections, swapIn } from '../audit/rebuild.js';
import { loadConfig } from '../infra/config.js';
import { withDatabase } from './with-database.js';

const { values } = parseArgs({ options: { swap: { type: 'boolean', default: false } } });

const code = await withDatabase(loadConfig(), async (db) => {
  const bar = new SingleBar(
    { format: 'rebuilding [{bar}] {value}/{total} streams', stream: process.stderr },
    Presets.shades_classic,
  );
  const progress = { started: false };
  const result = await rebuildProjections(db, (done, total) => {
    if (!progress.started) {
      bar.start(total, 0);
      progress.started = true;
    }
    bar.update(done);
  });
  if (progress.started) bar.stop();
  console.table(
    result.diffs.map((d) => ({
      table: d.table,
      'rows that differ': d.differing.length,
      examples: d.differing.slice(0, 3).join(', '),
    })),
  );
  if (result.identical) {
    await dropScratch(db, result.schema);
    console.log(`The read models rebuilt from ${result.streams} streams are identical to the live ones.`);
    return 0;
  }
  if (values.swap) {
    await swapIn(db, result.schema);
    console.log('The rebuilt read models have replaced the live ones.');
    return 0;
  }
  console.log(
    `The rebuilt read models differ (kept in schema ${result.schema}); run with --swap to put them in place.`,
  );
  return 1;
});
process.exit(code);
