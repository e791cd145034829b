/**
 * Benchmark: latency of an approval through the HTTP API, one officer at a time and 32 officers at once, side by side
 * in one run. Everything real: embedded PostgreSQL, the Temporal dev server, the worker and the API on a local port.
 * Every approval at the province takes the same quota scope's lock (the 15% floor of the province and year), so at 32
 * officers they queue there by design: the figures show what that costs.
 *
 *   npm run bench:approval                 (APPROVALS_PER_OFFICER=8 by default)
 */
import { mkdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import getPort from 'get-port';
import { buildApp } from '../api/app.js';
import { createSession } from '../services/accounts.js';
import { createDb, migrateToLatest } from '../db/connect.js';
import { loadConfig } from '../infra/config.js';
import { startLocalServices } from '../infra/local-services.js';
import { payloadDataConverter } from '../infra/payload-codec.js';
import { loadDemoData } from '../scripts/demo/load.js';
import { act, createNomination } from '../services/nominations.js';
import { createNominationWorker } from '../workers/nomination-worker.js';

Runtime.install({ logger: new DefaultLogger('WARN'), shutdownSignals: [] });

const perOfficer = Number(process.env.APPROVALS_PER_OFFICER ?? 8);
const scratch = path.join(os.tmpdir(), `thidua-bench-${process.pid}`);
mkdirSync(scratch, { recursive: true, mode: 0o755 });
const config = loadConfig({
  ...process.env,
  DATABASE_URL: '',
  TEMPORAL_ADDRESS: '',
  DATA_DIR: scratch,
  PG_PORT: String(await getPort()),
  TEMPORAL_PORT: String(await getPort()),
});
const services = await startLocalServices(config, { persistent: false, withUi: false, log: () => undefined });
const db = createDb(services.databaseUrl, { max: 20 });
await migrateToLatest(db);
await loadDemoData(db);

const connection = await Connection.connect({ address: services.temporalAddress });
const dataConverter = payloadDataConverter(config);
const temporal = new Client({ connection, dataConverter });
const native = await NativeConnection.connect({ address: services.temporalAddress });
const worker = await createNominationWorker({
  connection: native,
  namespace: 'default',
  taskQueue: 'bench',
  db,
  dataConverter,
});
const running = worker.run();
const deps = { db, temporal, taskQueue: 'bench', timing: config.timing, publicUrl: config.publicUrl };
const app = await buildApp(deps);
const port = await getPort();
await app.listen({ host: '127.0.0.1', port });
const api = `http://127.0.0.1:${port}`;

/** Nominations of non-leaders from every base union, brought to the province (create, submit, endorse). */
async function prepare(count: number): Promise<string[]> {
  const candidates = await db
    .selectFrom('members')
    .innerJoin('units', 'units.id', 'members.unit_id')
    .select(['members.id', 'members.unit_id', 'units.parent_id'])
    .where('members.is_leader', '=', false)
    .where('units.level', '=', 'base')
    .orderBy('members.id')
    .limit(count)
    .execute();
  const ids: string[] = [];
  for (let i = 0; i < candidates.length; i += 16) {
    ids.push(
      ...(await Promise.all(
        candidates.slice(i, i + 16).map(async (m, j) => {
          const baseOfficer = { id: `bench.${m.unit_id}`, role: 'base_officer' as const, unitId: m.unit_id };
          const reviewer = {
            id: `bench.${m.parent_id ?? ''}`,
            role: 'district_officer' as const,
            unitId: m.parent_id ?? '',
          };
          const created = await createNomination(deps, {
            actor: baseOfficer,
            nominee: { memberId: m.id },
            awardFormCode: 'BK-DOT-XUAT', // ad-hoc: no eligibility prerequisites, so every review passes
            year: 2026,
            dossier: {
              documents: ['coverLetter', 'achievementReport'],
              councilVote: { present: 9, inFavour: 9 },
              achievement: 'Cứu người trong vụ cháy xưởng',
              theme: `bench-${i + j}`,
              initiative: null,
            },
          });
          await act(deps, created.id, 'submit', { actor: baseOfficer });
          await act(deps, created.id, 'endorse', { actor: reviewer });
          return created.id;
        }),
      )),
    );
  }
  return ids;
}

async function officerTokens(count: number): Promise<string[]> {
  const tokens = [];
  for (let i = 0; i < count; i++) {
    const account = await db
      .insertInto('accounts')
      .values({
        username: `bench.btv.${i}`,
        password_hash: 'unused',
        display_name: `BTV ${i}`,
        role: 'board_member',
        unit_id: 'AL',
        email: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    tokens.push((await createSession(db, account.id, 2)).token);
  }
  return tokens;
}

/** Each officer approves their share of the nominations one after another; all officers at once. */
async function run(
  officers: number,
  ids: string[],
  tokens: string[],
): Promise<{ latencies: number[]; seconds: number }> {
  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: officers }, async (_, o) => {
      for (let k = o; k < ids.length; k += officers) {
        const t0 = performance.now();
        const response = await fetch(`${api}/api/nominations/${ids[k] ?? ''}/approve`, {
          method: 'POST',
          headers: { authorization: `Bearer ${tokens[o] ?? ''}`, 'content-type': 'application/json' },
          body: '{}',
        });
        await response.arrayBuffer();
        if (response.status !== 200) throw new Error(`approval answered ${response.status}`);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  return { latencies, seconds: (performance.now() - started) / 1000 };
}

const quantile = (sorted: number[], q: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;

try {
  const concurrent = 32;
  const sequentialCount = Math.max(16, perOfficer * 2);
  console.log(`preparing ${sequentialCount + concurrent * perOfficer} nominations at the province…`);
  const ids = await prepare(sequentialCount + concurrent * perOfficer);
  const tokens = await officerTokens(concurrent);
  const results = [
    { label: '1 officer', ...(await run(1, ids.slice(0, sequentialCount), tokens)) },
    { label: `${concurrent} officers`, ...(await run(concurrent, ids.slice(sequentialCount), tokens)) },
  ];
  console.log(
    '\napproval through the API (HTTP → workflow update → quota + decision number + event in one transaction)',
  );
  console.log('run           approvals   p50 ms   p95 ms   p99 ms   approvals/s');
  const summary = results.map((r) => {
    const sorted = [...r.latencies].sort((a, b) => a - b);
    const row = {
      label: r.label,
      n: sorted.length,
      p50: quantile(sorted, 0.5),
      p95: quantile(sorted, 0.95),
      p99: quantile(sorted, 0.99),
      rate: sorted.length / r.seconds,
    };
    console.log(
      `${row.label.padEnd(13)} ${String(row.n).padStart(9)} ${row.p50.toFixed(0).padStart(8)} ${row.p95.toFixed(0).padStart(8)} ${row.p99.toFixed(0).padStart(8)} ${row.rate.toFixed(1).padStart(13)}`,
    );
    return row;
  });
  const [one, many] = summary;
  if (one !== undefined && many !== undefined) {
    console.log(
      `\nratio ${many.label} / ${one.label}: p50 ×${(many.p50 / one.p50).toFixed(1)}, p99 ×${(many.p99 / one.p99).toFixed(1)}, throughput ×${(many.rate / one.rate).toFixed(1)}`,
    );
  }
  const decisions = await db
    .selectFrom('decisions')
    .select(['sequence'])
    .where('unit_id', '=', 'AL')
    .orderBy('sequence')
    .execute();
  const gapFree = decisions.every((d, i) => d.sequence === i + 1);
  console.log(`decision numbers: ${decisions.length}, gap-free: ${gapFree ? 'yes' : 'NO'}`);
} finally {
  await app.close();
  worker.shutdown();
  await running;
  await native.close();
  await connection.close();
  await db.destroy();
  await services.stop();
  rmSync(scratch, { recursive: true, force: true });
}
