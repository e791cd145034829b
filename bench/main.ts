/**
 * `npm run bench`: the engine's figures, each beside its comparison measured in the same run, interleaved, with the
 * median and min–max over repetitions. It starts the real servers itself (embedded PostgreSQL, the Temporal dev
 * server, the workers and the API in this process) and removes them when done.
 *
 *   npm run bench                  the quick run (a few minutes)
 *   npm run bench -- --full        more nominations and repetitions
 *   npm run bench -- --smoke       every section at its smallest (the test suite's check that the bench runs)
 *   npm run bench -- --only throughput,reads    some sections only (throughput, engine, http, decision, verify,
 *                                  replay, reads)
 *
 * docs/performance.md holds a full run and says how to read it.
 */
import '../scripts/local-defaults.js';
import { parseArgs } from 'node:util';
import { startBenchStack } from './stack.js';
import { sections, type Section, type SectionName, type Size } from './sections.js';

const { values } = parseArgs({
  options: {
    full: { type: 'boolean', default: false },
    smoke: { type: 'boolean', default: false },
    only: { type: 'string' },
  },
});
const wanted = values.only?.split(',').map((s) => s.trim()) ?? Object.keys(sections);
const unknown = wanted.filter((w) => !(w in sections));
if (unknown.length > 0) {
  console.error(`unknown section ${unknown.join(', ')}; the sections: ${Object.keys(sections).join(', ')}`);
  process.exit(2);
}

const size: Size = values.smoke ? 'smoke' : values.full ? 'full' : 'quick';
const log = (line: string) => console.error(`· ${line}`);
const started = performance.now();
const stack = await startBenchStack(log);
const printed: string[] = [];
try {
  for (const name of wanted as SectionName[]) {
    const section: Section = sections[name];
    log(`${name}…`);
    const text = await section({ stack, size, log });
    printed.push(text);
    console.log(`\n${text}`);
  }
} catch (err) {
  // Said before the servers stop: a client's retries after that would bury it.
  console.error(err);
  process.exitCode = 1;
} finally {
  await stack.stop();
}
const memory = process.resourceUsage().maxRSS / 1024;
console.log(
  `\npeak memory (resident) of this process, which ran the API, both workers and the bench's officers: ${memory.toFixed(0)} MiB`,
);
console.log(`bench ${size} run: ${((performance.now() - started) / 1000).toFixed(0)} s`);
