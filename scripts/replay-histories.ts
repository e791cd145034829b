/**
 * Replays recorded workflow histories (JSON, as `temporal workflow show --output json` writes them) through the
 * current workflow code and reports each that no longer replays. Exit code 0 when all replay, 1 otherwise.
 *
 *   node --import tsx scripts/replay-histories.ts [file-or-folder ...]     (default: test/histories)
 */
import './local-defaults.js';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { loadConfig, projectRoot } from '../infra/config.js';
import { payloadDataConverter } from '../infra/payload-codec.js';
import { workflowCode } from '../workers/nomination-worker.js';

Runtime.install({ logger: new DefaultLogger('ERROR') });

// Histories fetched from Temporal are encrypted: the replayer decodes them with the configured keys. Recorded ones from
// before encryption (test/histories/) are clear text, and the codec passes them through.
let config;
let dataConverter;
try {
  config = loadConfig();
  dataConverter = payloadDataConverter(config);
} catch (err) {
  console.error((err as Error).message);
  process.exit(2);
}
const inputs = process.argv.slice(2);
const files = (inputs.length > 0 ? inputs : [path.join(projectRoot, 'test', 'histories')]).flatMap((input) =>
  statSync(input).isDirectory()
    ? readdirSync(input)
        .filter((f) => f.endsWith('.json'))
        .sort()
        .map((f) => path.join(input, f))
    : [input],
);

const histories = files.map((file) => ({
  workflowId: path.basename(file, '.json'),
  history: JSON.parse(readFileSync(file, 'utf8')) as unknown,
}));

const started = performance.now();
let failed = 0;
let replayed = 0;
for await (const result of Worker.runReplayHistories(
  { ...workflowCode(config.workflowBundle), dataConverter },
  histories,
)) {
  replayed++;
  if (result.error === undefined) {
    console.log(`ok    ${result.workflowId}`);
  } else {
    failed++;
    console.log(`FAIL  ${result.workflowId}: ${result.error.message.split('\n')[0] ?? ''}`);
  }
}
const seconds = (performance.now() - started) / 1000;
console.log(
  `replayed ${replayed} histories in ${seconds.toFixed(1)} s: ${replayed - failed} passed, ${failed} failed`,
);
process.exit(failed > 0 || replayed === 0 ? 1 : 0);
