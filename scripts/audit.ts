/**
 * `npm run audit -- <command>`: the auditors' command line.
 *
 *   timeline <nomination id>                 every event, in order, with its hash
 *   verify  [--unit U] [--year Y]            hash chains, anchors, read models re-derived, decision numbers
 *   replay  [--unit U] [--year Y]            the Temporal histories of a scope through the current workflow code
 *   replay  --files <file or folder> …       the same for exported history files
 *   export  <nomination id> | --unit U [--year Y]   [--out DIR]   JSON with the chain hashes, and a Vietnamese PDF
 *
 * Against DATABASE_URL and TEMPORAL_ADDRESS when set, else the running `npm start`'s servers, else its embedded ones
 * started for the occasion (scripts/with-database.ts). Exit codes: 0 passed, 1 failed (problems found), 2 usage or
 * not found.
 */
import './local-defaults.js';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { SingleBar, Presets } from 'cli-progress';
import type { Kysely } from 'kysely';
import { exportAward, renderAwardPdf } from '../audit/export.js';
import { verifyScope } from '../audit/verify.js';
import { readStream } from '../db/event-store.js';
import type { Database } from '../db/schema.js';
import { subtreeOf } from '../db/units.js';
import { loadConfig } from '../infra/config.js';
import { payloadDataConverter } from '../infra/payload-codec.js';
import { workflowsPath } from '../workers/nomination-worker.js';
import { withDatabase, withTemporal } from './with-database.js';

Runtime.install({ logger: new DefaultLogger('ERROR'), shutdownSignals: [] });

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    unit: { type: 'string' },
    year: { type: 'string' },
    out: { type: 'string' },
    files: { type: 'string', multiple: true },
  },
});
const [command, target] = positionals;
const year = values.year === undefined ? undefined : Number(values.year);
if (year !== undefined && !Number.isInteger(year)) usage(`--year must be a year, got ${values.year}`);
const config = loadConfig();

function usage(message: string): never {
  console.error(
    `${message}\n\nusage: npm run audit -- timeline <id> | verify [--unit U] [--year Y] | replay [--unit U] [--year Y] [--files F…] | export <id>|--unit U [--year Y] [--out DIR]`,
  );
  process.exit(2);
}

function progressBar(label: string): SingleBar {
  return new SingleBar(
    {
      format: `${label} [{bar}] {value}/{total} {percentage}% · {eta_formatted} left`,
      stream: process.stderr,
      noTTYOutput: false,
    },
    Presets.shades_classic,
  );
}

async function scopeIds(db: Kysely<Database>): Promise<string[]> {
  let query = db.selectFrom('nominations').select('id');
  if (values.unit !== undefined)
    query = query.where('submitting_unit_id', 'in', [...(await subtreeOf(db, values.unit)), '']);
  if (year !== undefined) query = query.where('year', '=', year);
  return (await query.orderBy('id').execute()).map((r) => r.id);
}

async function timeline(db: Kysely<Database>, id: string): Promise<number> {
  const events = await readStream(db, id);
  if (events.length === 0) {
    console.error(`No nomination ${id}`);
    return 2;
  }
  console.table(
    events.map((e) => ({
      '#': e.position,
      time: e.occurred_at.toISOString(),
      action: e.type,
      actor: e.actor_id,
      role: e.actor_role,
      unit: e.actor_unit_id,
      comment: e.comment ?? '',
      hash: `${e.hash.slice(0, 16)}…`,
    })),
  );
  return 0;
}

async function verify(db: Kysely<Database>): Promise<number> {
  const bar = progressBar('verifying');
  // An object, not a plain variable: it changes inside the callback.
  const progress = { started: false };
  const report = await verifyScope(
    db,
    {
      ...(values.unit !== undefined ? { unitId: values.unit } : {}),
      ...(year !== undefined ? { year } : {}),
    },
    (done, total) => {
      if (!progress.started) {
        bar.start(total, 0);
        progress.started = true;
      }
      bar.update(done);
    },
  );
  if (progress.started) bar.stop();
  console.table([
    {
      scope: `${values.unit ?? 'all units'}${year !== undefined ? `, ${year}` : ''}`,
      streams: report.streams,
      events: report.events,
      decisions: report.decisions,
      problems: report.issues.length,
      seconds: Number(report.seconds.toFixed(2)),
      'streams/s': Math.round(report.streams / Math.max(report.seconds, 1e-6)),
    },
  ]);
  if (report.issues.length > 0) {
    console.table(
      report.issues.map((i) => ({
        problem: i.kind,
        stream: i.nominationId ?? '',
        position: i.position ?? '',
        detail: i.detail,
      })),
    );
    console.log('FAILED: the history has problems (above).');
    return 1;
  }
  console.log(
    'PASSED: every chain intact and anchored, every read model re-derived, decision numbers gap-free.',
  );
  return 0;
}

async function replay(db: Kysely<Database> | null): Promise<number> {
  // The histories fetched from Temporal are encrypted (infra/payload-codec.ts): the replayer decodes them with the
  // configured keys, the retired ones included; exported clear-text histories pass through the codec unchanged.
  let dataConverter;
  try {
    dataConverter = payloadDataConverter(config);
  } catch (err) {
    console.error((err as Error).message);
    return 2;
  }
  const histories: { workflowId: string; history: unknown }[] = [];
  const fetchBar = progressBar('fetching');
  if (values.files !== undefined) {
    for (const input of values.files) {
      const files = statSync(input).isDirectory()
        ? readdirSync(input)
            .filter((f) => f.endsWith('.json'))
            .map((f) => path.join(input, f))
        : [input];
      for (const file of files)
        histories.push({
          workflowId: path.basename(file, '.json'),
          history: JSON.parse(readFileSync(file, 'utf8')) as unknown,
        });
    }
  } else {
    if (db === null) throw new Error('no database');
    const ids = await scopeIds(db);
    await withTemporal(config, async (client) => {
      fetchBar.start(ids.length, 0);
      for (const id of ids) {
        histories.push({ workflowId: id, history: await client.workflow.getHandle(id).fetchHistory() });
        fetchBar.increment();
      }
      fetchBar.stop();
    });
  }
  const bar = progressBar('replaying');
  bar.start(histories.length, 0);
  const failures: { workflow: string; error: string }[] = [];
  const started = performance.now();
  for await (const result of Worker.runReplayHistories(
    { workflowsPath: workflowsPath(), dataConverter },
    histories,
  )) {
    if (result.error !== undefined)
      failures.push({ workflow: result.workflowId, error: result.error.message.split('\n')[0] ?? '' });
    bar.increment();
  }
  bar.stop();
  const seconds = (performance.now() - started) / 1000;
  console.table([
    {
      histories: histories.length,
      failed: failures.length,
      seconds: Number(seconds.toFixed(2)),
      'histories/s': Math.round(histories.length / Math.max(seconds, 1e-6)),
    },
  ]);
  if (failures.length > 0) {
    console.table(failures);
    console.log('FAILED: these workflows no longer replay through the current code.');
    return 1;
  }
  console.log('PASSED: every history replays through the current workflow code.');
  return 0;
}

async function exportCommand(db: Kysely<Database>): Promise<number> {
  const out = path.resolve(values.out ?? 'audit-export');
  mkdirSync(out, { recursive: true });
  const ids = target !== undefined ? [target] : await scopeIds(db);
  if (ids.length === 0) usage('nothing to export: name a nomination, or a scope with --unit/--year');
  const bar = progressBar('exporting');
  bar.start(ids.length, 0);
  let written = 0;
  for (const id of ids) {
    const award = await exportAward(db, id);
    if (award === undefined) {
      bar.stop();
      console.error(`No nomination ${id}`);
      return 2;
    }
    writeFileSync(path.join(out, `${id}.json`), `${JSON.stringify(award, null, 2)}\n`);
    writeFileSync(path.join(out, `${id}.pdf`), await renderAwardPdf(award));
    written++;
    bar.increment();
  }
  bar.stop();
  console.log(
    `Wrote ${written} award(s) to ${out} (JSON with chain hashes, and a PDF each). Verify a JSON with docs/audit-export.md.`,
  );
  return 0;
}

let code: number;
switch (command) {
  case 'timeline':
    if (target === undefined) usage('timeline needs a nomination id');
    code = await withDatabase(config, (db) => timeline(db, target));
    break;
  case 'verify':
    code = await withDatabase(config, verify);
    break;
  case 'replay':
    code = values.files !== undefined ? await replay(null) : await withDatabase(config, replay);
    break;
  case 'export':
    code = await withDatabase(config, exportCommand);
    break;
  default:
    usage(command === undefined ? 'name a command' : `unknown command ${command}`);
}
process.exit(code);
