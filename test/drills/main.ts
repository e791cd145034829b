/**
 * `npm run drills [-- --nominations N] [--only a,b] [--concurrency C] [--keep]`: the reliability drills at full size
 * (test/drills/drills.ts). Prints a table per drill and exits 1 when any check fails.
 */
import { parseArgs } from 'node:util';
import { describeResult, formatTable, runDrills, type DrillId } from './drills.js';

// The services run on the development audit key; verification in this process must use the same one.
process.env.NODE_ENV ??= 'development';

const { values } = parseArgs({
  options: {
    nominations: { type: 'string', default: '300' },
    only: { type: 'string', default: 'a,b,c,d' },
    concurrency: { type: 'string', default: '12' },
    keep: { type: 'boolean', default: false },
  },
});
const nominations = Number(values.nominations);
const concurrency = Number(values.concurrency);
const only = values.only.split(',').map((s) => s.trim()) as DrillId[];
if (!Number.isInteger(nominations) || nominations < 1 || !Number.isInteger(concurrency) || concurrency < 1) {
  console.error('usage: npm run drills -- [--nominations N] [--only a,b,c,d] [--concurrency C] [--keep]');
  process.exit(2);
}
if (only.length === 0 || only.some((id) => !['a', 'b', 'c', 'd'].includes(id))) {
  console.error(`--only takes drills among a, b, c, d, e.g. --only a,c (got ${values.only})`);
  process.exit(2);
}

const started = performance.now();
const log = (message: string): void => {
  console.log(`[${((performance.now() - started) / 1000).toFixed(1).padStart(6)} s] ${message}`);
};
const dataDir = process.env.DATA_DIR;
try {
  const run = await runDrills({
    nominations,
    only,
    concurrency,
    keepFiles: values.keep,
    ...(dataDir !== undefined && dataDir !== '' ? { baseDir: dataDir } : {}),
    log,
    onResult: (result) => console.log(`\n${formatTable([result])}\n${describeResult(result)}\n`),
  });
  console.log(`\n${formatTable(run.results)}\n`);
  for (const result of run.results) console.log(describeResult(result));
  if (run.leftovers.length > 0) console.log(`processes left behind:\n${run.leftovers.join('\n')}`);
  if (run.keptDir !== undefined) console.log(`data and logs kept in ${run.keptDir}`);
  console.log(run.passed ? 'PASSED: every drill, every check.' : 'FAILED: see above.');
  process.exit(run.passed ? 0 : 1);
} catch (err) {
  console.error('the drills could not run:', err);
  process.exit(1);
}
