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
 * not found. What it prints is for people, in Vietnamese (messages/vi.js, auditCommand) with Vietnamese times and
 * numbers; the event types and problem codes stay beside their labels, as the exported JSON and the docs name them.
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
import { formatDateTime, formatDecimal, formatNumber } from '../messages/format.js';
import { labelOf, vi } from '../messages/vi.js';
import { workflowCode } from '../workers/nomination-worker.js';
import { printTable } from './table.js';
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
const words = vi.auditCommand;
if (year !== undefined && !Number.isInteger(year)) usage(words.badYear(values.year ?? ''));
const config = loadConfig();

function usage(message: string): never {
  console.error(`${message}\n\n${words.usage}`);
  process.exit(2);
}

/** Items per second, whole. */
const rate = (count: number, elapsed: number): string =>
  formatNumber(Math.round(count / Math.max(elapsed, 1e-6)));

function progressBar(label: string): SingleBar {
  return new SingleBar(
    {
      format: words.progressFormat(label),
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
    console.error(words.noNomination(id));
    return 2;
  }
  const units = await db
    .selectFrom('units')
    .select(['id', 'name'])
    .where('id', 'in', [...new Set(events.map((e) => e.actor_unit_id))])
    .execute();
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  const column = words.timeline;
  printTable(
    events.map((e) => ({
      [column.position]: e.position,
      [column.time]: formatDateTime(e.occurred_at),
      [column.action]: labelOf(vi.events, e.type),
      [column.type]: e.type,
      [column.actor]: e.actor_id,
      [column.role]: labelOf(vi.roles, e.actor_role),
      [column.unit]: unitName.get(e.actor_unit_id) ?? e.actor_unit_id,
      [column.comment]: e.comment ?? '',
      [column.hash]: `${e.hash.slice(0, 16)}…`,
    })),
  );
  return 0;
}

async function verify(db: Kysely<Database>): Promise<number> {
  const bar = progressBar(words.progress.verifying);
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
  const summary = words.verifySummary;
  printTable([
    {
      [summary.scope]: `${values.unit ?? words.allUnits}${year !== undefined ? `, ${year}` : ''}`,
      [summary.streams]: formatNumber(report.streams),
      [summary.events]: formatNumber(report.events),
      [summary.decisions]: formatNumber(report.decisions),
      [summary.problems]: formatNumber(report.issues.length),
      [summary.seconds]: formatDecimal(report.seconds),
      [summary.rate]: rate(report.streams, report.seconds),
    },
  ]);
  if (report.issues.length > 0) {
    const column = words.issues;
    printTable(
      report.issues.map((i) => ({
        [column.problem]: labelOf(vi.verificationIssues, i.kind),
        [column.kind]: i.kind,
        [column.stream]: i.nominationId ?? '',
        [column.position]: i.position ?? '',
        [column.detail]: i.detail,
      })),
    );
    console.log(words.verifyFailed);
    return 1;
  }
  console.log(words.verifyPassed);
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
  const fetchBar = progressBar(words.progress.fetching);
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
  const bar = progressBar(words.progress.replaying);
  bar.start(histories.length, 0);
  const failures: { workflow: string; error: string }[] = [];
  const started = performance.now();
  for await (const result of Worker.runReplayHistories(
    { ...workflowCode(config.workflowBundle), dataConverter },
    histories,
  )) {
    if (result.error !== undefined)
      failures.push({ workflow: result.workflowId, error: result.error.message.split('\n')[0] ?? '' });
    bar.increment();
  }
  bar.stop();
  const elapsed = (performance.now() - started) / 1000;
  const summary = words.replaySummary;
  printTable([
    {
      [summary.histories]: formatNumber(histories.length),
      [summary.failed]: formatNumber(failures.length),
      [summary.seconds]: formatDecimal(elapsed),
      [summary.rate]: rate(histories.length, elapsed),
    },
  ]);
  if (failures.length > 0) {
    const column = words.replayFailures;
    printTable(failures.map((f) => ({ [column.workflow]: f.workflow, [column.error]: f.error })));
    console.log(words.replayFailed);
    return 1;
  }
  console.log(words.replayPassed);
  return 0;
}

async function exportCommand(db: Kysely<Database>): Promise<number> {
  const out = path.resolve(values.out ?? 'audit-export');
  mkdirSync(out, { recursive: true });
  const ids = target !== undefined ? [target] : await scopeIds(db);
  if (ids.length === 0) usage(words.nothingToExport);
  const bar = progressBar(words.progress.exporting);
  bar.start(ids.length, 0);
  let written = 0;
  for (const id of ids) {
    const award = await exportAward(db, id);
    if (award === undefined) {
      bar.stop();
      console.error(words.noNomination(id));
      return 2;
    }
    writeFileSync(path.join(out, `${id}.json`), `${JSON.stringify(award, null, 2)}\n`);
    writeFileSync(path.join(out, `${id}.pdf`), await renderAwardPdf(award));
    written++;
    bar.increment();
  }
  bar.stop();
  console.log(words.exported({ count: formatNumber(written), folder: out }));
  return 0;
}

let code: number;
switch (command) {
  case 'timeline':
    if (target === undefined) usage(words.timelineNeedsId);
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
    usage(command === undefined ? words.nameACommand : words.unknownCommand(command));
}
process.exit(code);
