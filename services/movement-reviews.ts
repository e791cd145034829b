/**
 * Recording a movement's review (sơ kết, tổng kết) with each unit's scores. The movement's workflow decides it with
 * the review decider (domain/movement-review.ts) and records it; the final review closes the movement.
 */
import type { Viewer } from '../domain/viewer.js';
import type { ReviewToRecord } from '../domain/movement.js';
import type { RecordedReview } from '../domain/movement-review.js';
import { recordReviewUpdate } from '../workflows/movement.js';
import { actorOf } from '../domain/viewer.js';
import type { ServiceDeps } from './deps.js';
import { visibleMovement } from './movements.js';

export async function recordMovementReview(
  deps: ServiceDeps,
  viewer: Viewer,
  movementId: string,
  review: ReviewToRecord & { summary: string },
): Promise<RecordedReview> {
  const movement = await visibleMovement(deps.db, viewer, movementId);
  // A refusal comes back as the workflow's failure typed by the rule's code, as every refusal of a workflow does.
  return deps.temporal.workflow.getHandle(`movement-${movement.id}`).executeUpdate(recordReviewUpdate, {
    args: [{ ...review, actor: actorOf(viewer) }],
  });
}
