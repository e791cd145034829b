/**
 * The read models, projected from the events inside the append's transaction. The nominations row is written from
 * the folded state (the same `evolve` the workflow and the replay use), so "folding the events reproduces the read
 * model" holds by construction; the side tables (award history, decisions) follow single events and are written
 * idempotently, so applying the same event twice changes nothing.
 */
import type { Kysely } from 'kysely';
import { decisionYear } from '../domain/decision-number.js';
import type { PositionedEvent } from '../domain/nomination/events.js';
import { decidingStep, stageOf, type ExistingNomination } from '../domain/nomination/state.js';
import type { Database } from './schema.js';

export function nominationRow(id: string, state: ExistingNomination) {
  const decision = state.status === 'approved' || state.status === 'revoked' ? state.decision : null;
  return {
    id,
    status: state.status,
    stage: stageOf(state),
    nominee_name: state.nominee.name,
    award_form_code: state.form.code,
    year: state.year,
    submitting_unit_id: state.submittingUnitId,
    holding_unit_id: state.holder,
    version: state.version,
    created_at: state.createdAt,
    updated_at: state.stageEnteredAt,
    nominee_kind: state.nominee.kind,
    nominee_member_id: state.nominee.memberId,
    nominee_unit_id: state.nominee.unitId,
    is_leader: state.nominee.isLeader,
    is_direct_worker: state.nominee.isDirectWorker,
    route: JSON.stringify(state.route),
    deciding_unit_id: decidingStep(state).unitId,
    decision_number: decision?.number ?? null,
    decided_at: decision?.approvedAt ?? null,
    stage_entered_at: state.stageEnteredAt,
    deadline_at: state.deadline,
    fast_track: state.form.fastTrack,
    return_count: state.returnCount,
    theme: state.dossier.theme,
  };
}

export async function upsertNomination(
  trx: Kysely<Database>,
  id: string,
  state: ExistingNomination,
  updatedAt: string,
): Promise<void> {
  const row = { ...nominationRow(id, state), updated_at: updatedAt };
  const { id: _id, ...changes } = row;
  await trx
    .insertInto('nominations')
    .values(row)
    .onConflict((oc) => oc.column('id').doUpdateSet(changes))
    .execute();
}

/** Side tables that follow single events: each person's award history and the register of decisions. */
export async function projectSideEffects(
  trx: Kysely<Database>,
  positioned: PositionedEvent,
  stateAfter: ExistingNomination,
): Promise<void> {
  const { nominationId, event } = positioned;
  switch (event.type) {
    case 'NominationApproved': {
      const decider = decidingStep(stateAfter);
      await trx
        .insertInto('award_history')
        .values({
          nomination_id: nominationId,
          nominee_kind: stateAfter.nominee.kind,
          member_id: stateAfter.nominee.memberId,
          nominee_unit_id: stateAfter.nominee.unitId,
          submitting_unit_id: stateAfter.submittingUnitId,
          deciding_unit_id: decider.unitId,
          deciding_level: stateAfter.form.decidingLevel,
          form_code: stateAfter.form.code,
          year: stateAfter.year,
          theme: stateAfter.dossier.theme,
          is_leader: stateAfter.nominee.isLeader,
          is_direct_worker: stateAfter.nominee.isDirectWorker,
          decision_number: event.data.decisionNumber,
          approved_at: event.occurredAt,
        })
        .onConflict((oc) => oc.column('nomination_id').doNothing())
        .execute();
      await trx
        .insertInto('decisions')
        .values({
          unit_id: decider.unitId,
          year: decisionYear(event.occurredAt),
          sequence: event.data.sequence,
          number: event.data.decisionNumber,
          nomination_id: nominationId,
          decided_at: event.occurredAt,
          decision_id: event.data.decisionId ?? null,
        })
        .onConflict((oc) => oc.column('nomination_id').doNothing())
        .execute();
      return;
    }
    case 'AwardRevoked':
      await trx
        .updateTable('award_history')
        .set({ revoked_at: event.occurredAt })
        .where('nomination_id', '=', nominationId)
        .execute();
      return;
    default:
      return;
  }
}
