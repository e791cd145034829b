import type { Transaction } from 'kysely';
import type { PositionedEvent } from '../domain/nomination/events.js';
import type { Database } from './schema.js';

/**
 * Applies one event to the read models, inside the append's transaction. Written so that applying the
 * same event twice leaves the same rows, which the projection rebuild relies on.
 *
 * The foundation slice has one event type (creation); each event of the decider gets its own branch here.
 */
export async function projectNominationEvent(
  trx: Transaction<Database>,
  positioned: PositionedEvent,
): Promise<void> {
  const { nominationId, position, event } = positioned;
  await trx
    .insertInto('nominations')
    .values({
      id: nominationId,
      status: 'draft',
      stage: 'draft',
      nominee_name: event.data.nomineeName,
      award_form_code: event.data.awardFormCode,
      year: event.data.year,
      submitting_unit_id: event.data.submittingUnitId,
      holding_unit_id: event.data.submittingUnitId,
      version: position,
      created_at: event.occurredAt,
      updated_at: event.occurredAt,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}
