/**
 * The engine's work per nomination, from Temporal's own histories, ours against the bare workflow of the same shape;
 * and where our nominations' database time goes, from pg_stat_statements over the same run.
 */
import { engineWork, meanWork, type EngineWork } from '../history.js';
import { sql } from 'kysely';
import { bySize, type SectionContext } from '../sections.js';
import { table } from '../stats.js';
import { createRunner, Nominees } from '../throughput.js';

export async function engineSection({ stack, size }: SectionContext): Promise<string> {
  const count = bySize(size, { smoke: 4, quick: 20, full: 40 });
  const runner = await createRunner(stack.deps);
  const nominees = await Nominees.load(stack.db);
  // The statements counted are this run's: ours, 8 officers at once, alone on the servers.
  await sql`select pg_stat_statements_reset()`.execute(stack.db);
  const sample = await runner.run('ours', 'province', 8, nominees.take(count));
  const statements = await sql<{ calls: string; total: number; query: string }>`
    select calls::text, total_exec_time as total, query from pg_stat_statements
    where dbid = (select oid from pg_database where datname = current_database())
    order by total_exec_time desc`.execute(stack.db);
  const oursIds = sample.ids;
  const bare = await runner.run('bare', 'province', 8, nominees.take(count));
  const ours = meanWork(await Promise.all(oursIds.map((id) => engineWork(stack.temporal, id))));
  const theirs = meanWork(await Promise.all(bare.ids.map((id) => engineWork(stack.temporal, id))));
  const row = (label: string, w: EngineWork) => [
    label,
    w.events.toFixed(0),
    w.workflowTasks.toFixed(1),
    w.activities.toFixed(1),
    w.localActivities.toFixed(1),
    w.timers.toFixed(1),
    w.workflowTaskQueued.toFixed(0),
    w.workflowTaskOnWorker.toFixed(0),
    w.activityQueued.toFixed(0),
    w.activityRunning.toFixed(0),
  ];
  const perNomination = (n: number) => (n / count).toFixed(2);
  const dbTime = statements.rows.reduce((sum, r) => sum + r.total, 0);
  const dbCalls = statements.rows.reduce((sum, r) => sum + Number(r.calls), 0);
  const top = statements.rows
    .slice(0, 8)
    .map((r) => [
      perNomination(r.total),
      perNomination(Number(r.calls)),
      r.query.replace(/\s+/g, ' ').slice(0, 90),
    ]);
  return [
    `ENGINE WORK PER NOMINATION (full path to the province's approval; ${count} nominations each, 8 officers at once).`,
    `Times in ms summed over one history, from Temporal's event timestamps: workflow tasks waiting for a worker and on`,
    `it (local activities run inside the task), activity tasks waiting and running.`,
    '',
    table(
      [
        'workflow',
        'events',
        'workflow tasks',
        'activities',
        'local activities',
        'timers',
        'WT waiting',
        'WT on worker',
        'act. waiting',
        'act. running',
      ],
      [row('ours', ours), row('bare, same shape', theirs)],
    ),
    '',
    `PostgreSQL per nomination of ours (pg_stat_statements over the same run): ${perNomination(dbTime)} ms in ${perNomination(dbCalls)} statements;`,
    'the statements that took most of it:',
    '',
    table(['ms / nomination', 'calls / nomination', 'statement'], top),
  ].join('\n');
}
