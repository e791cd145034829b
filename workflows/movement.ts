/**
 * One workflow per emulation movement (phong trào thi đua); its id is `movement-<id>`. It writes the launched
 * movement, reminds the units in scope some days before each review on the plan, takes each review's scores as an
 * update (the officer needs the answer, or why not), and once the final review is recorded closes the movement.
 * The rules are domain/movement.ts's; the validator runs them before anything enters the history.
 */
import {
  allHandlersFinished,
  condition,
  defineQuery,
  defineUpdate,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { MovementActivities } from '../activities/movement.js';
import type { UnitLevel } from '../domain/organisation.js';
import {
  endOfReviewDay,
  plannedReviews,
  reminderAt,
  type MovementPlan,
  type PlannedReview,
  type ReviewToRecord,
} from '../domain/movement.js';
import {
  evolve,
  initialState,
  recordReview,
  type MovementReviewRecorded,
  type RecordedReview,
} from '../domain/movement-review.js';
import type { Actor } from '../domain/nomination/events.js';
import { exclusiveSection } from './exclusive.js';
import { refusing } from './refusals.js';
import { housekeeping, interactive } from './retry-policies.js';

// Launch and reviews are answered to an officer; the reminders and the closing are the workflow's own.
const { recordLaunch, recordMovementReview } = proxyActivities<MovementActivities>(interactive);
const { remindMovementReview, closeMovement } = proxyActivities<MovementActivities>(housekeeping);

export interface MovementInput {
  launchingUnit: { id: string; level: UnitLevel };
  plan: MovementPlan;
  scopeUnitIds: string[];
  launchedBy: string;
  /** Days before each review that the units in scope are reminded. */
  reminderDaysBefore: number;
}

export interface ReviewRequest extends ReviewToRecord {
  actor: Actor;
  summary: string;
}

export type { RecordedReview };

export interface MovementProgress {
  status: 'launching' | 'active' | 'closed';
  reviews: RecordedReview[];
  reminded: PlannedReview[];
}

/** Sent with the start (update-with-start): answers once the movement is written, so the caller can read it. */
export const launchedUpdate = defineUpdate<MovementProgress>('awaitLaunched');
export const recordReviewUpdate = defineUpdate<RecordedReview, [ReviewRequest]>('recordReview');
export const progressQuery = defineQuery<MovementProgress>('progress');

export async function movementWorkflow(input: MovementInput): Promise<MovementProgress> {
  const movementId = workflowInfo().workflowId.replace(/^movement-/, '');
  const progress: MovementProgress = { status: 'launching', reviews: [], reminded: [] };
  // The reviews' decider (domain/movement-review.ts) and its state, folded from what this workflow recorded.
  let reviews = initialState();
  const decideReview = (request: ReviewRequest): MovementReviewRecorded => {
    const [recorded] = refusing(() =>
      recordReview({ ...request, type: 'recordReview', at: new Date().toISOString() }, reviews),
    );
    if (recorded === undefined) throw new Error('a recorded review decides one event');
    return recorded;
  };
  const isRecorded = (review: PlannedReview): boolean =>
    progress.reviews.some((r) => r.kind === review.kind && r.on === review.on);
  // Reviews are recorded one at a time, so two officers recording the same review cannot both pass the validator's
  // check and both be written.
  const exclusively = exclusiveSection();

  setHandler(progressQuery, () => progress);
  setHandler(launchedUpdate, async () => {
    await condition(() => progress.status !== 'launching');
    return progress;
  });
  setHandler(
    recordReviewUpdate,
    (request) =>
      exclusively(async () => {
        // Decided again inside the section: another review may have been recorded since validation.
        const event = decideReview(request);
        const { type: _event, ...recorded } = event;
        await recordMovementReview({
          movementId,
          review: { kind: recorded.kind, on: recorded.on },
          results: recorded.results,
          summary: recorded.summary,
          recordedBy: recorded.recordedBy,
          recordedAt: recorded.recordedAt,
        });
        reviews = evolve(reviews, event);
        progress.reviews.push(recorded);
        return recorded;
      }),
    {
      validator: (request: ReviewRequest) => void decideReview(request),
    },
  );

  await recordLaunch({
    movementId,
    launchingUnitId: input.launchingUnit.id,
    plan: input.plan,
    scopeUnitIds: input.scopeUnitIds,
    launchedBy: input.launchedBy,
    launchedAt: new Date().toISOString(),
  });
  progress.status = 'active';
  reviews = evolve(reviews, {
    type: 'MovementLaunched',
    launchingUnit: input.launchingUnit,
    plan: input.plan,
    scopeUnitIds: input.scopeUnitIds,
  });

  for (const review of plannedReviews(input.plan)) {
    const remindAt = reminderAt(review, input.reminderDaysBefore);
    // Wakes at the reminder's time, or earlier if the review is recorded first (then no reminder is needed).
    if (remindAt > Date.now()) await condition(() => isRecorded(review), remindAt - Date.now());
    if (!isRecorded(review) && Date.now() <= endOfReviewDay(review)) {
      await remindMovementReview({ movementId, review, at: new Date().toISOString() });
      progress.reminded.push(review);
    }
  }
  await condition(() => progress.reviews.some((r) => r.kind === 'final'));
  await closeMovement({ movementId });
  progress.status = 'closed';
  await condition(allHandlersFinished);
  return progress;
}
