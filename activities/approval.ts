/**
 * Approving a nomination is one PostgreSQL transaction: lock the stream and the quota scopes, read the figures,
 * let the decider judge them, take the next decision number, append the approval event and update the read models.
 * Either all of it commits or none of it does, so a cap is never exceeded and decision numbers have no gaps.
 */
import { sql, type Kysely } from 'kysely';
import { formatDecisionNumber, decisionYear } from '../domain/decision-number.js';
import { decide, fold } from '../domain/nomination/decider.js';
import type { ApproveNomination } from '../domain/nomination/commands.js';
import type { PositionedEvent } from '../domain/nomination/events.js';
import { decidingStep } from '../domain/nomination/state.js';
import { appendEventsLocked, lockStream, readStream, rowToEvent } from '../db/event-store.js';
import type { Database } from '../db/schema.js';
import { checkQuotasIn } from '../services/quotas.js';

export interface ApproveInput {
  nominationId: string;
  /** The position the approval takes in the stream: the workflow's version + 1. */
  position: number;
  command: ApproveNomination;
}

export async function approveInTransaction(
  db: Kysely<Database>,
  input: ApproveInput,
): Promise<PositionedEvent[]> {
  const { nominationId, position, command } = input;
  return db.transaction().execute(async (trx) => {
    await lockStream(trx, nominationId);
    const rows = await readStream(trx, nominationId);
    const stored = rows.find((r) => r.position === position);
    if (stored !== undefined) {
      // A retry after the first attempt committed: hand back what was decided then, take no second number.
      return rows
        .filter((r) => r.position >= position)
        .map((r) => ({ nominationId, position: r.position, event: rowToEvent(r) }));
    }
    const state = fold(rows.map(rowToEvent), nominationId);
    if (state.status === 'none') throw new Error(`no nomination ${nominationId}`);
    if (rows.length + 1 !== position)
      throw new Error(`stream ${nominationId} is at ${rows.length}, not ${position - 1}`);

    const quota = await checkQuotasIn(trx, nominationId, state, { lock: true });
    // Judge the figures before taking a number: a refused approval must not consume one.
    decide({ ...command, quota }, state);

    const decider = decidingStep(state);
    const unit = await trx
      .selectFrom('units')
      .select('decision_suffix')
      .where('id', '=', decider.unitId)
      .executeTakeFirstOrThrow();
    const year = decisionYear(command.at);
    const counter = await sql<{ last_sequence: number }>`
      insert into decision_counters (unit_id, year, last_sequence) values (${decider.unitId}, ${year}, 1)
      on conflict (unit_id, year) do update set last_sequence = decision_counters.last_sequence + 1
      returning last_sequence`.execute(trx);
    const sequence = counter.rows[0]?.last_sequence;
    if (sequence === undefined) throw new Error('decision counter returned nothing');

    const events = decide(
      {
        ...command,
        quota,
        decision: { number: formatDecisionNumber(sequence, unit.decision_suffix), sequence },
      },
      state,
    );
    const positioned = events.map((event, i) => ({ nominationId, position: position + i, event }));
    await appendEventsLocked(trx, positioned);
    return positioned;
  });
}
