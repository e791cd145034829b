/**
 * Replaying our nominations' histories through today's workflow code (what CI does with the recorded ones, and what
 * a worker does when it takes over a running nomination) against replaying the bare workflow's histories. Both
 * bundles are built beforehand; 3 interleaved runs.
 */
import { fileURLToPath } from 'node:url';
import { bundleWorkflowCode, Worker } from '@temporalio/worker';
import { workflowsPath } from '../../workers/nomination-worker.js';
import { bySize, type SectionContext } from '../sections.js';
import { median, spread, table } from '../stats.js';
import { createRunner, Nominees } from '../throughput.js';
import { pastRuns } from './throughput.js';

const quiet = {
  log: () => undefined,
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: (m: string) => console.error(m),
};

export async function replaySection({ stack, size }: SectionContext): Promise<string> {
  const count = bySize(size, { smoke: 4, quick: 60, full: 200 });
  const pick = async (variant: 'ours' | 'bare'): Promise<string[]> => {
    const ids = pastRuns.filter((r) => r.variant === variant && r.kind === 'province').flatMap((r) => r.ids);
    if (ids.length >= count) return ids.slice(-count);
    const runner = await createRunner(stack.deps);
    const more = await runner.run(
      variant,
      'province',
      8,
      (await Nominees.load(stack.db)).take(count - ids.length),
    );
    return [...ids, ...more.ids];
  };
  const histories = async (ids: string[]) =>
    Promise.all(
      ids.map(async (workflowId) => ({
        workflowId,
        history: await stack.temporal.workflow.getHandle(workflowId).fetchHistory(),
      })),
    );
  const ours = await histories(await pick('ours'));
  const bare = await histories(await pick('bare'));
  const oursCode = await bundleWorkflowCode({ workflowsPath: workflowsPath(), logger: quiet });
  const bareCode = await bundleWorkflowCode({
    workflowsPath: fileURLToPath(new URL('../bare/workflows.ts', import.meta.url)),
    logger: quiet,
  });
  const replay = async (code: { code: string }, set: typeof ours): Promise<number> => {
    const t0 = performance.now();
    let failed = 0;
    for await (const result of Worker.runReplayHistories(
      { workflowBundle: code, dataConverter: stack.dataConverter },
      set,
    ))
      if (result.error !== undefined) failed++;
    if (failed > 0) throw new Error(`${failed} histories did not replay`);
    return set.length / ((performance.now() - t0) / 1000);
  };
  const oursRates: number[] = [];
  const bareRates: number[] = [];
  for (let rep = 0; rep < 3; rep++) {
    oursRates.push(await replay(oursCode, ours));
    bareRates.push(await replay(bareCode, bare));
  }
  const ratios = oursRates.map((v, i) => v / (bareRates[i] ?? Number.NaN));
  return [
    `REPLAY (${ours.length} histories each; histories/s, median (min–max) of 3 interleaved runs).`,
    '',
    table(
      ['histories', 'events each (mean)', 'histories/s', 'vs bare'],
      [
        [
          'ours, full path',
          (ours.reduce((n, h) => n + (h.history.events?.length ?? 0), 0) / ours.length).toFixed(0),
          spread(oursRates, 0),
          `${median(ratios).toFixed(2)}×`,
        ],
        [
          'bare workflow, same shape',
          (bare.reduce((n, h) => n + (h.history.events?.length ?? 0), 0) / bare.length).toFixed(0),
          spread(bareRates, 0),
          '1.00×',
        ],
      ],
    ),
  ].join('\n');
}
