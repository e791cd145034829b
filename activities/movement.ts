/**
 * A movement's I/O, for its workflow: writing the launched movement and its scope, recording a review with its scores,
 * reminding the units in scope before a review, and closing the movement after its final review. Every write is keyed
 * by what it records, so a retried activity changes nothing.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { MovementPlan, PlannedReview, ScoredUnit } from '../domain/movement.js';
import { formatDate } from '../messages/format.js';
import { vi } from '../messages/vi.js';
import { notifyUnits } from './unit-notices.js';

export interface LaunchRecord {
  movementId: string;
  launchingUnitId: string;
  plan: MovementPlan;
  scopeUnitIds: string[];
  launchedBy: string;
  launchedAt: string;
}

export interface ReviewRecord {
  movementId: string;
  review: PlannedReview;
  results: ScoredUnit[];
  summary: string;
  recordedBy: string;
  recordedAt: string;
}

export function createMovementActivities(db: Kysely<Database>) {
  return {
    async recordLaunch(input: LaunchRecord): Promise<void> {
      await db.transaction().execute(async (trx) => {
        const inserted = await trx
          .insertInto('movements')
          .values({
            id: input.movementId,
            launching_unit_id: input.launchingUnitId,
            name: input.plan.name,
            target_group: input.plan.targetGroup,
            starts_on: input.plan.startsOn,
            ends_on: input.plan.endsOn,
            criteria: JSON.stringify(input.plan.criteria),
            interim_reviews: JSON.stringify(input.plan.interimReviews),
            final_review: input.plan.finalReview,
            status: 'active',
            launched_by: input.launchedBy,
            launched_at: input.launchedAt,
          })
          .onConflict((oc) => oc.column('id').doNothing())
          .returning('id')
          .executeTakeFirst();
        // Already written by an earlier attempt: the scope went in with it.
        if (inserted === undefined) return;
        for (let i = 0; i < input.scopeUnitIds.length; i += 500) {
          await trx
            .insertInto('movement_scope')
            .values(
              input.scopeUnitIds
                .slice(i, i + 500)
                .map((unit_id) => ({ movement_id: input.movementId, unit_id })),
            )
            .execute();
        }
      });
    },

    async recordMovementReview(input: ReviewRecord): Promise<void> {
      await db
        .insertInto('movement_reviews')
        .values({
          movement_id: input.movementId,
          kind: input.review.kind,
          held_on: input.review.on,
          results: JSON.stringify(input.results),
          summary: input.summary,
          recorded_by: input.recordedBy,
          recorded_at: input.recordedAt,
        })
        .onConflict((oc) => oc.columns(['movement_id', 'kind', 'held_on']).doNothing())
        .execute();
    },

    /** Tells the officers of every unit in scope that a review is coming. */
    async remindMovementReview(input: {
      movementId: string;
      review: PlannedReview;
      at: string;
    }): Promise<{ reminded: number }> {
      const movement = await db
        .selectFrom('movements')
        .select('name')
        .where('id', '=', input.movementId)
        .executeTakeFirstOrThrow();
      const units = await db
        .selectFrom('movement_scope')
        .innerJoin('units', 'units.id', 'movement_scope.unit_id')
        .select(['units.id as unitId', 'units.level'])
        .where('movement_id', '=', input.movementId)
        .execute();
      const text = vi.notices.movementReview({
        review: input.review.kind,
        movement: movement.name,
        on: formatDate(input.review.on),
      });
      const reminded = await notifyUnits(db, units, {
        about: `movement-${input.movementId}:remind:${input.review.kind}:${input.review.on}`,
        kind: 'movement-review-remind',
        periodId: null,
        who: 'officers',
        at: input.at,
        subject: text.subject,
        body: () => text.body,
      });
      return { reminded };
    },

    async closeMovement(input: { movementId: string }): Promise<void> {
      await db
        .updateTable('movements')
        .set({ status: 'closed' })
        .where('id', '=', input.movementId)
        .execute();
    },
  };
}

export type MovementActivities = ReturnType<typeof createMovementActivities>;
