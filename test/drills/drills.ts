/**
 * The reliability drills: the whole system as separate processes (test/drills/stack.ts), a few hundred nominations
 * driven through the real HTTP API by careful clients (test/drills/client.ts), and one fault per drill while they are
 * in flight. Then, once quiet, the checks of test/drills/checks.ts. `npm run drills` (test/drills/main.ts) and the
 * short form in `npm test` (test/e2e/drills.e2e.test.ts) both run `runDrills`.
 */
import { hash } from '@node-rs/argon2';
import type { Kysely } from 'kysely';
import { createDb, migrateToLatest } from '../../db/connect.js';
import type { Database } from '../../db/schema.js';
import { DEMO_PASSWORD } from '../../scripts/demo/province.js';
import { loadDemoData } from '../../scripts/demo/load.js';
import { fullDossier, pastAwardRow } from '../support/nominations.js';
import { checkDrill, waitForQuiescence, type DrillFindings } from './checks.js';
import { CarefulClient, newStats, startLoad, type ClientStats, type PlannedNomination } from './client.js';
import { drillFolder, processesUsing, startDrillStack, type DrillStack, type ServiceName } from './stack.js';

export type DrillId = 'a' | 'b' | 'c' | 'd';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

interface FaultContext {
  stack: DrillStack;
  db: Kysely<Database>;
  client: CarefulClient;
  log: (message: string) => void;
  /** How long PostgreSQL stays down in drill c. */
  postgresDownMs: number;
}

interface Drill {
  id: DrillId;
  title: string;
  /** The process the drill kills and starts again itself; any other restart is one by hand. */
  kills: ServiceName | 'temporal' | 'postgres';
  /** Strikes, and restores what it struck; answers what it did, for the report. */
  strike(context: FaultContext): Promise<string>;
}

/** How long the worker, Temporal and the API stay away before the drill starts them again, and PostgreSQL. */
const PAUSE_MS = 3_000;
const POSTGRES_DOWN_MS = 20_000;

export const drills: Record<DrillId, Drill> = {
  a: {
    id: 'a',
    title: 'worker SIGKILL, restarted after 3 s',
    kills: 'worker',
    async strike({ stack, db }) {
      const pid = stack.pid('worker');
      await stack.killService('worker');
      // Mails the dead worker had claimed and not finished: the ones its activity's retry must send.
      const interrupted = await db
        .selectFrom('notifications')
        .select((eb) => eb.fn.countAll<string>().as('count'))
        .where('email_status', '=', 'sending')
        .executeTakeFirstOrThrow();
      await sleep(PAUSE_MS);
      await stack.startService('worker');
      return `worker pid ${pid} killed with ${interrupted.count} mail(s) mid-send, new pid ${stack.pid('worker')}`;
    },
  },
  b: {
    id: 'b',
    title: 'Temporal dev server SIGKILL, restarted on its port and SQLite file after 3 s',
    kills: 'temporal',
    async strike({ stack }) {
      await stack.killTemporal();
      await sleep(PAUSE_MS);
      const started = performance.now();
      await stack.startTemporal();
      return `Temporal killed, serving again ${((performance.now() - started) / 1000 + PAUSE_MS / 1000).toFixed(1)} s later`;
    },
  },
  c: {
    id: 'c',
    title:
      'PostgreSQL SIGKILL (postmaster and backends), down 20 s (8 s in npm test), restarted on its data and port',
    kills: 'postgres',
    async strike({ stack, postgresDownMs }) {
      await stack.killPostgres();
      await sleep(postgresDownMs);
      await stack.startPostgres();
      return `PostgreSQL down ${postgresDownMs / 1000} s, then recovered from its WAL`;
    },
  },
  d: {
    id: 'd',
    title: 'API SIGKILL with requests in flight, restarted',
    kills: 'api',
    async strike({ stack, client }) {
      // Between accept and answer: wait (briefly) for a moment with several requests inside the API.
      const deadline = Date.now() + 10_000;
      while (client.pending() < 4 && Date.now() < deadline) await sleep(5);
      const inFlight = client.pending();
      const pid = stack.pid('api');
      await stack.killService('api');
      await stack.startService('api');
      return `API pid ${pid} killed with ${inFlight} requests in flight, new pid ${stack.pid('api')}`;
    },
  },
};

export interface DrillResult {
  id: DrillId;
  title: string;
  intended: number;
  fault: string;
  /** Steps done (of create, submit, endorse, approve for each nomination) when the fault struck. */
  struckAt: string;
  findings: DrillFindings;
  stats: ClientStats;
  p50Ms: number;
  p99Ms: number;
  restartsByHand: number;
  quiet: boolean;
  quiesceSeconds: number;
  seconds: number;
  failures: string[];
  passed: boolean;
}

export interface DrillOptions {
  nominations: number;
  only: DrillId[];
  /** Officers sending requests at once. */
  concurrency: number;
  /** Where the drill folder is made (default: the OS temporary folder). */
  baseDir?: string;
  /** Keep the data and logs even when every drill passed (they are always kept after a failure). */
  keepFiles?: boolean;
  log: (message: string) => void;
  /** Called after each drill, e.g. to print its table at once. */
  onResult?: (result: DrillResult) => void;
  /** How long PostgreSQL stays down in drill c (default 20 s). */
  postgresDownMs?: number;
  /** Load only the first this-many base unions of each upper union (the tests' small province); the whole demo by default. */
  basesPerUpper?: number;
}

function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

/** Base unions of the district the drills use, and an officer for each (CS0001's is the demo's own). */
async function prepareOfficers(db: Kysely<Database>): Promise<{ unitId: string; username: string }[]> {
  const units = await db
    .selectFrom('units')
    .select('id')
    .where('parent_id', '=', 'AL-H01')
    .where('level', '=', 'base')
    .orderBy('id')
    .limit(4)
    .execute();
  const passwordHash = await hash(DEMO_PASSWORD);
  const officers: { unitId: string; username: string }[] = [];
  for (const { id } of units) {
    const existing = await db
      .selectFrom('accounts')
      .select('username')
      .where('unit_id', '=', id)
      .where('role', '=', 'base_officer')
      .executeTakeFirst();
    const username = existing?.username ?? `drill.${id.toLowerCase()}`;
    if (existing === undefined)
      await db
        .insertInto('accounts')
        .values({
          username,
          password_hash: passwordHash,
          display_name: `Cán bộ diễn tập ${id}`,
          role: 'base_officer',
          unit_id: id,
          email: `${username}@an-lac.demo`,
        })
        .execute();
    officers.push({ unitId: id, username });
  }
  return officers;
}

/**
 * Members for one drill, spread over the base unions: registered for 2026, not leaders, and holding the district
 * certificate of 2024 and 2025, so that each may be put up for the provincial diploma (BK-LDLD-TINH) once. Every
 * nomination needs a member of its own: the review refuses a second award at the same level in a year.
 */
async function prepareMembers(
  db: Kysely<Database>,
  drill: DrillId,
  count: number,
  officers: { unitId: string; username: string }[],
): Promise<PlannedNomination[]> {
  const planned = Array.from({ length: count }, (_, i) => {
    const officer = officers[i % officers.length];
    if (officer === undefined) throw new Error('no base union for the drill');
    return {
      memberId: `DRILL-${drill.toUpperCase()}-${String(i + 1).padStart(4, '0')}`,
      unitId: officer.unitId,
      baseOfficer: officer.username,
    };
  });
  for (let i = 0; i < planned.length; i += 500) {
    const chunk = planned.slice(i, i + 500);
    await db
      .insertInto('members')
      .values(
        chunk.map((p, j) => ({
          id: p.memberId,
          unit_id: p.unitId,
          full_name: `Đoàn viên diễn tập ${drill.toUpperCase()} ${i + j + 1}`,
          gender: (i + j) % 2 === 0 ? ('female' as const) : ('male' as const),
          birth_year: 1980 + ((i + j) % 20),
          position: 'Công nhân',
          is_leader: false,
          is_direct_worker: true,
        })),
      )
      .execute();
    await db
      .insertInto('registrations')
      .values(chunk.map((p) => ({ year: 2026, unit_id: p.unitId, member_id: p.memberId })))
      .execute();
    await db
      .insertInto('award_history')
      .values(
        chunk.flatMap((p) => [2024, 2025].map((year) => pastAwardRow(p.memberId, p.unitId, 'GK-LDLD', year))),
      )
      .execute();
  }
  return planned.map(({ memberId, baseOfficer }) => ({ memberId, baseOfficer }));
}

async function runOne(
  stack: DrillStack,
  db: Kysely<Database>,
  drill: Drill,
  planned: PlannedNomination[],
  options: DrillOptions,
): Promise<DrillResult> {
  const started = performance.now();
  const { log } = options;
  const stats = newStats();
  // Long enough to ride out the longest fault (PostgreSQL's 20 s, a worker's restart with its bundling) several times.
  const client = new CarefulClient({ apiUrl: stack.apiUrl, stats, budgetMs: 240_000 });
  const pidsBefore = { api: stack.pid('api'), worker: stack.pid('worker') };
  const unplannedBefore = stack.unplannedRestarts().length;

  log(
    `drill ${drill.id}: ${drill.title}; ${planned.length} nominations, ${options.concurrency} officers at once`,
  );
  const load = startLoad({
    client,
    nominations: planned,
    concurrency: options.concurrency,
    keyPrefix: `drill-${drill.id}-${Date.now()}`,
    awardFormCode: 'BK-LDLD-TINH',
    dossier: fullDossier,
    districtOfficer: 'h01.canbo',
    decider: 'tinh.btv',
    password: DEMO_PASSWORD,
  });
  // Strike a third of the way through, with the rest of the load still to come.
  // An object, not a boolean: the promise's callback changes it while this loop waits.
  const loadState = { finished: false };
  void load.done.finally(() => (loadState.finished = true));
  for (;;) {
    const progress = load.progress();
    if (loadState.finished || progress.stepsDone >= progress.stepsTotal / 3) break;
    await sleep(20);
  }
  const at = load.progress();
  const struckAt = `${at.stepsDone}/${at.stepsTotal} steps, ${client.pending()} requests in flight`;
  if (loadState.finished) stats.failures.push('the load ended before the fault could strike');
  const fault = await drill.strike({
    stack,
    db,
    client,
    log,
    postgresDownMs: options.postgresDownMs ?? POSTGRES_DOWN_MS,
  });
  log(`drill ${drill.id}: struck at ${struckAt}: ${fault}`);

  const result = await load.done;
  log(`drill ${drill.id}: clients done (${result.approved} approved); waiting for the system to settle`);
  const memberIds = planned.map((p) => p.memberId);
  const quiet = await waitForQuiescence(db, memberIds, 180_000);
  const findings = await checkDrill(db, stack.mail, memberIds, result.created);

  // Restarts nobody planned: the stack's supervisor counted them, and a pid that changed without the drill killing it
  // shows one too.
  const unplanned = stack.unplannedRestarts().length - unplannedBefore;
  const changed = (['api', 'worker'] as const).filter(
    (s) => s !== drill.kills && pidsBefore[s] !== stack.pid(s),
  ).length;
  const restartsByHand = Math.max(unplanned, changed);

  const failures = [...stats.failures];
  if (!quiet.quiet) failures.push(`not quiet after ${quiet.seconds.toFixed(0)} s`);
  if (findings.approved !== planned.length)
    failures.push(`${findings.approved} approved of ${planned.length}`);
  if (findings.nominations !== planned.length)
    failures.push(`${findings.nominations} nominations in PostgreSQL for ${planned.length} keys`);
  const counts: [keyof DrillFindings, string][] = [
    ['missing', 'nominations missing'],
    ['extra', 'nominations extra'],
    ['eventsMissing', 'events missing'],
    ['eventsDoubled', 'events doubled'],
    ['chainFailures', 'audit verify problems'],
    ['numberGaps', 'decision number gaps'],
    ['mailsTwice', 'mails received twice'],
    ['mailsLost', 'mails marked sent but not received'],
    ['mailsStuck', 'mails left pending/sending/failed'],
    ['noticesMissing', 'notices missing'],
  ];
  for (const [key, what] of counts) {
    const value = findings[key];
    if (typeof value === 'number' && value > 0) failures.push(`${value} ${what}`);
  }
  if (restartsByHand > 0) failures.push(`${restartsByHand} restart(s) by hand`);

  return {
    id: drill.id,
    title: drill.title,
    intended: planned.length,
    fault,
    struckAt,
    findings,
    stats,
    p50Ms: percentile(stats.durationsMs, 50),
    p99Ms: percentile(stats.durationsMs, 99),
    restartsByHand,
    quiet: quiet.quiet,
    quiesceSeconds: quiet.seconds,
    seconds: (performance.now() - started) / 1000,
    failures,
    passed: failures.length === 0,
  };
}

export interface DrillRun {
  results: DrillResult[];
  /** The drill folder, kept (with its logs) when something failed or when asked to. */
  keptDir: string | undefined;
  /** Processes naming the drill folder after the stop: none is the promise. */
  leftovers: string[];
  passed: boolean;
}

/** Starts the stack, runs the chosen drills one after another, stops everything, and answers what each found. */
export async function runDrills(options: DrillOptions): Promise<DrillRun> {
  const { log } = options;
  const dir = drillFolder(options.baseDir);
  const stack = await startDrillStack({ dir, log });
  const results: DrillResult[] = [];
  let db: Kysely<Database> | undefined;
  let error: Error | undefined;
  const stopOnSignal = (): void => {
    log('interrupted: stopping everything the drills started');
    void stack.stop({ keepFiles: true }).finally(() => process.exit(130));
  };
  process.once('SIGINT', stopOnSignal);
  process.once('SIGTERM', stopOnSignal);
  try {
    db = createDb(stack.databaseUrl, {
      // PostgreSQL goes away on purpose in drill c: this pool's idle clients lose it too.
      onConnectionError: () => undefined,
    });
    await migrateToLatest(db);
    await loadDemoData(db, { basesPerUpper: options.basesPerUpper });
    const officers = await prepareOfficers(db);
    const plans = new Map<DrillId, PlannedNomination[]>();
    for (const id of options.only) plans.set(id, await prepareMembers(db, id, options.nominations, officers));
    log('demo province loaded; starting the worker and the API');
    await stack.startService('worker');
    await stack.startService('api');
    await stack.waitForApi(120_000);
    await stack.waitForWorker(120_000);
    for (const id of options.only) {
      // Each drill starts on a healthy system: the previous one's restarts have finished.
      await stack.waitForApi(120_000);
      const result = await runOne(stack, db, drills[id], plans.get(id) ?? [], options);
      results.push(result);
      options.onResult?.(result);
    }
  } catch (err) {
    error = err instanceof Error ? err : new Error('the drills failed', { cause: err });
  } finally {
    process.removeListener('SIGINT', stopOnSignal);
    process.removeListener('SIGTERM', stopOnSignal);
    await db?.destroy().catch(() => undefined);
  }
  const passed =
    error === undefined && results.length === options.only.length && results.every((r) => r.passed);
  const keep = options.keepFiles === true || !passed;
  if (!passed) for (const name of ['api', 'worker']) log(`last lines of the ${name}:\n${stack.tail(name)}`);
  await stack.stop({ keepFiles: keep });
  // Give the kernel a moment to reap what was just stopped before looking for leftovers.
  await sleep(500);
  const leftovers = processesUsing(dir);
  if (error !== undefined) throw error;
  return { results, keptDir: keep ? dir : undefined, leftovers, passed: passed && leftovers.length === 0 };
}

const columns: [string, (r: DrillResult) => string | number][] = [
  ['drill', (r) => r.id],
  ['nominations', (r) => r.findings.nominations],
  ['approved', (r) => r.findings.approved],
  ['p50 ms', (r) => Math.round(r.p50Ms)],
  ['p99 ms', (r) => Math.round(r.p99Ms)],
  ['max ms', (r) => Math.round(Math.max(0, ...r.stats.durationsMs))],
  ['retries', (r) => r.stats.retries],
  ['503s', (r) => r.stats.unavailable],
  ['no answer', (r) => r.stats.connectionErrors],
  ['events', (r) => r.findings.events],
  ['missing', (r) => r.findings.missing + r.findings.eventsMissing],
  ['doubled', (r) => r.findings.extra + r.findings.eventsDoubled],
  ['chain failures', (r) => r.findings.chainFailures],
  ['number gaps', (r) => r.findings.numberGaps],
  ['mails', (r) => r.findings.mails],
  ['mails twice', (r) => r.findings.mailsTwice],
  ['mails stuck', (r) => r.findings.mailsStuck + r.findings.mailsLost],
  ['mails to check', (r) => r.findings.mailsForOperator],
  ['restarts by hand', (r) => r.restartsByHand],
  ['seconds', (r) => Math.round(r.seconds)],
  ['result', (r) => (r.passed ? 'PASS' : 'FAIL')],
];

/** The results as a Markdown table (which reads as well in a terminal). */
export function formatTable(results: DrillResult[]): string {
  const header = columns.map(([name]) => name);
  const rows = results.map((r) => columns.map(([, value]) => String(value(r))));
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]?.length ?? 0)));
  const line = (cells: string[]): string =>
    `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join(' | ')} |`;
  const rule = `| ${widths.map((w, i) => (i === 0 ? '-'.repeat(w) : `${'-'.repeat(Math.max(w - 1, 1))}:`)).join(' | ')} |`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}

/** One drill in words: what struck when, and what failed. */
export function describeResult(result: DrillResult): string {
  const lines = [
    `drill ${result.id} — ${result.title}: ${result.passed ? 'PASS' : 'FAIL'}`,
    `  struck at ${result.struckAt}: ${result.fault}`,
    `  settled ${result.quiesceSeconds.toFixed(0)} s after the last answer; ${result.seconds.toFixed(0)} s in all`,
  ];
  for (const failure of result.failures.slice(0, 10)) lines.push(`  failed: ${failure}`);
  for (const problem of result.findings.problems.slice(0, 10)) lines.push(`  found: ${problem}`);
  return lines.join('\n');
}
