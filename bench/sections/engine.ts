/**
 * The engine's work per nomination, from Temporal's own histories: ours against the bare workflow of the same shape
 * (the last repetition's nominations at 32 officers, or a few of its own when the throughput section did not run).
 */
import { engineWork, meanWork, type EngineWork } from '../history.js';
import type { SectionContext } from '../sections.js';
import { table } from '../stats.js';
import { createRunner, Nominees, type PathRun } from '../throughput.js';
import { pastRuns } from './throughput.js';

export async function engineSection({ stack }: SectionContext): Promise<string> {
  let sample: PathRun[] = pastRuns
    .filter((r) => r.variant === 'ours' && r.kind === 'province' && r.officers === 32)
    .slice(-1);
  const runner = await createRunner(stack.deps);
  if (sample.length === 0) {
    const people = (await Nominees.load(stack.db)).take(16);
    sample = [await runner.run('ours', 'province', 8, people)];
  }
  const oursIds = sample.flatMap((r) => r.ids).slice(0, 20);
  const bare = await runner.run('bare', 'province', 8, (await Nominees.load(stack.db)).take(oursIds.length));
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
  return [
    `ENGINE WORK PER NOMINATION (full path to the province's approval; mean over ${oursIds.length} histories each).`,
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
  ].join('\n');
}
