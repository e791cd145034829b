/**
 * Approving a nomination is one PostgreSQL transaction: lock the stream and the quota scopes, read the figures, take
 * the next decision number, let the decider judge it all once, append the approval event and update the read models.
 * Either all of it commits or none of it does, so a cap is never exceeded and decision numbers have no gaps.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import { formatDecisionNumber, decisionYear } from '../domain/decision-number.js';
import { decide } from '../domain/nomination/decider.js';
import type { ApproveNomination } from '../domain/nomination/commands.js';
import type { PositionedEvent } from '../domain/nomination/events.js';
import { decidingStep } from '../domain/nomination/state.js';
import type { AppendOptions } from '../db/event-store.js';
import type { Database } from '../db/schema.js';
import { checkQuotasIn } from '../services/quotas.js';
import { decideInTransaction, type StreamCommand } from './stream-writes.js';

export type ApproveInput = StreamCommand<ApproveNomination>;

export async function approveInTransaction(
  db: Kysely<Database>,
  input: ApproveInput,
  options: AppendOptions,
): Promise<PositionedEvent[]> {
  // The rule decides once, on all the facts. A refusal (a blocking quota, a warning not overridden) throws and rolls
  // the transaction back, the number with it: a refused approval consumes none, and the numbers have no gaps.
  return decideInTransaction(db, input, 'NominationApproved', options, async (trx, state) => {
    const quota = await checkQuotasIn(trx, input.nominationId, state, { lock: true });
    const decision = await nextDecisionNumber(
      trx,
      decidingStep(state).unitId,
      decisionYear(input.command.at),
    );
    return decide({ ...input.command, quota, decision }, state);
  });
}

/** The deciding unit's next number of the year, and its abbreviation: `15/QĐ-LĐLĐ`, in one round trip. */
export async function nextDecisionNumber(
  trx: Transaction<Database>,
  unitId: string,
  year: number,
): Promise<{ number: string; sequence: number }> {
  const counter = await sql<{ last_sequence: number; decision_suffix: string | null }>`
    insert into decision_counters (unit_id, year, last_sequence) values (${unitId}, ${year}, 1)
    on conflict (unit_id, year) do update set last_sequence = decision_counters.last_sequence + 1
    returning last_sequence, (select decision_suffix from units where id = ${unitId}) as decision_suffix`.execute(
    trx,
  );
  const row = counter.rows[0];
  if (row === undefined) throw new Error('decision counter returned nothing');
  if (row.decision_suffix === null) throw new Error(`no unit ${unitId}`);
  return {
    number: formatDecisionNumber(row.last_sequence, row.decision_suffix),
    sequence: row.last_sequence,
  };
}
