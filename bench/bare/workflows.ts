/**
 * The comparison the engine is measured against: a naive workflow of the nomination's shape, with nothing of the
 * job in it. Created by update-with-start, then three updates (submit, endorse, approve); each of the four runs one
 * trivial activity, as a naive design would run one activity per step. It records nothing, checks nothing and sends
 * nothing: what it costs is the engine's floor for that shape.
 */
import { condition, defineUpdate, proxyActivities, setHandler } from '@temporalio/workflow';
import type { bareActivities } from './activities.js';

const { touch } = proxyActivities<typeof bareActivities>({ startToCloseTimeout: '10 seconds' });

export const bareSteps = ['create', 'submit', 'endorse', 'approve'] as const;
export type BareStep = (typeof bareSteps)[number];
export const bareUpdates = Object.fromEntries(
  bareSteps.map((step) => [step, defineUpdate<number, [string]>(step)]),
) as Record<BareStep, ReturnType<typeof defineUpdate<number, [string]>>>;

/** `steps`: how many of the updates the path takes (3 for a nomination decided one level up: no endorsement). */
export async function bareNominationWorkflow(steps: number = bareSteps.length): Promise<number> {
  let done = 0;
  for (const step of bareSteps) {
    setHandler(bareUpdates[step], async (actor: string) => {
      await touch(`${step} by ${actor}`);
      return ++done;
    });
  }
  await condition(() => done === steps);
  return done;
}
