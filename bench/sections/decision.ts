/**
 * A numbered decision of 500 awards: 500 nominations brought to the province (created, submitted, endorsed by 32
 * officers at once), listed in one draft and issued by the board: every award approved under one number and date.
 */
import { decisionWorkflowId } from '../../workflows/decision.js';
import { issueDecision, prepareDecision } from '../../services/decisions.js';
import { engineWork } from '../history.js';
import { bySize, type SectionContext } from '../sections.js';
import { table } from '../stats.js';
import { createRunner, Nominees, PROVINCE, YEAR } from '../throughput.js';

export async function decisionSection({ stack, size, log }: SectionContext): Promise<string> {
  const DECISION_AWARDS = bySize(size, { smoke: 20, quick: 500, full: 500 });
  const runner = await createRunner(stack.deps);
  log(`bringing ${DECISION_AWARDS} nominations to the province…`);
  const prepared = await runner.run(
    'ours',
    'awaiting',
    32,
    (await Nominees.load(stack.db)).take(DECISION_AWARDS),
  );
  const board = runner.viewer('board_member', PROVINCE);
  const t0 = performance.now();
  const draft = await prepareDecision(stack.deps, board, {
    title: 'Về việc tặng Bằng khen',
    year: YEAR,
    nominationIds: prepared.ids,
  });
  const drafted = performance.now() - t0;
  const t1 = performance.now();
  try {
    await issueDecision(stack.deps, board, draft.id);
  } catch (err) {
    // The officer's request stops waiting after 20 s (503); the issuing goes on, and its end is what is timed.
    log(`the issuing outlived the request's wait (${String(err)}); waiting for it to end`);
    await stack.temporal.workflow.getHandle(decisionWorkflowId(draft.id)).result();
  }
  const issued = performance.now() - t1;
  // Where the issuing's time went, from its workflow's history: its activity, and its workflow tasks.
  const work = await engineWork(stack.temporal, decisionWorkflowId(draft.id));
  const approved = await stack.db
    .selectFrom('nominations')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('id', 'in', prepared.ids)
    .where('status', '=', 'approved')
    .executeTakeFirstOrThrow();
  return [
    `A DECISION OF ${DECISION_AWARDS} AWARDS (the draft lists them all; issuing approves each under one number).`,
    '',
    table(
      ['step', 'seconds', 'awards approved'],
      [
        ['draft with the annex', (drafted / 1000).toFixed(1), ''],
        ['issue (target < 10 s)', (issued / 1000).toFixed(1), `${approved.n} / ${prepared.ids.length}`],
        ['  in its activity (the transaction, then signals)', (work.activityRunning / 1000).toFixed(1), ''],
        [
          `  in its ${work.workflowTasks} workflow tasks (waiting and on the worker)`,
          ((work.workflowTaskOnWorker + work.workflowTaskQueued) / 1000).toFixed(1),
          '',
        ],
        [
          `bringing them to the province (32 officers)`,
          prepared.seconds.toFixed(1),
          `${(prepared.ids.length / prepared.seconds).toFixed(1)} nominations/s`,
        ],
      ],
    ),
  ].join('\n');
}
