import { proxyActivities, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities/index.js';
import type { Actor, NominationCreatedData } from '../domain/nomination/events.js';
import { awardForm, awardYear, holdingUnit, nominationStage } from './search-attributes.js';

const { recordEvents } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds' },
});

export interface NominationInput {
  actor: Actor;
  /** When the officer created it (ISO 8601): time comes in with the command, never from the clock here. */
  createdAt: string;
  nomination: NominationCreatedData;
}

/**
 * One workflow per nomination, id = the nomination id. Foundation slice: it records the creation event
 * and sets its search attributes; the approval path (updates, timers, review activities) builds on it.
 */
export async function nominationWorkflow(input: NominationInput): Promise<{ position: number }> {
  const nominationId = workflowInfo().workflowId;
  upsertSearchAttributes([
    { key: nominationStage, value: 'draft' },
    { key: holdingUnit, value: input.nomination.submittingUnitId },
    { key: awardForm, value: input.nomination.awardFormCode },
    { key: awardYear, value: input.nomination.year },
  ]);
  await recordEvents([
    {
      nominationId,
      position: 1,
      event: {
        type: 'NominationCreated',
        occurredAt: input.createdAt,
        actor: input.actor,
        comment: null,
        data: input.nomination,
      },
    },
  ]);
  return { position: 1 };
}
