/**
 * Approving a nomination is one PostgreSQL transaction: lock the stream and the quota scopes, read the figures, take
 * the next decision number, let the decider judge it all once, append the approval event and update the read models.
 * Either all of it commits or none of it does, so a cap is never exceeded and decision numbers have no gaps.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import { formatDecisionNumber, decisionYear } from '../domain/decision-number.js';
import { decide } from '../domain/nomination/decider.js';
import type { ApproveNomination } from '../domain/nomination/commands.js';
import type { NominationEvent, PositionedEvent } from '../domain/nomination/events.js';
import { decidingStep } from '../domain/nomination/state.js';
import {
  appendEventsLocked,
  loadNominationForUpdate,
  type AppendOptions,
  type LoadedNomination,
  rowToEvent,
  StreamConflictError,
} from '../db/event-store.js';
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
  options: AppendOptions,
): Promise<PositionedEvent[]> {
  const { nominationId, position, command } = input;
  return db.transaction().execute(async (trx) => {
    const loaded = await loadNominationForUpdate(trx, nominationId);
    const stored = storedBefore(loaded, nominationId, position, command, 'NominationApproved');
    if (stored !== null) return stored;
    const { state } = loaded;
    if (state.status === 'none') throw new Error(`no nomination ${nominationId}`);
    if (loaded.events.length + 1 !== position)
      throw new StreamConflictError(nominationId, position, `the stream is at ${loaded.events.length}`);

    const quota = await checkQuotasIn(trx, nominationId, state, { lock: true });
    const decision = await nextDecisionNumber(trx, decidingStep(state).unitId, decisionYear(command.at));
    // The rule decides once, on all the facts. A refusal (a blocking quota, a warning not overridden) throws and rolls
    // the transaction back, the number with it: a refused approval consumes none, and the numbers have no gaps.
    const events = decide({ ...command, quota, decision }, state);
    const positioned = events.map((event, i) => ({ nominationId, position: position + i, event }));
    await appendEventsLocked(trx, positioned, options, loaded);
    return positioned;
  });
}

/**
 * What an earlier attempt of the same command stored at `position`, when it committed and only its answer was lost: the
 * retry hands it back and decides nothing again (no second number, no second review). An earlier attempt is known by
 * the event's type and actor, not its time: a local activity's input is made again when its workflow task is retried
 * on another worker, with that task's clock, and the workflow then folds what was stored. Only this nomination's
 * workflow writes this place, one action at a time; anything else stored there (a decision that listed this
 * nomination, a withdrawal) was another writer's: a conflict. Null when nothing is there yet.
 */
export function storedBefore(
  loaded: LoadedNomination,
  nominationId: string,
  position: number,
  command: { actor: { id: string } },
  type: NominationEvent['type'],
): PositionedEvent[] | null {
  const stored = loaded.events
    .filter((r) => r.position >= position)
    .map((r) => ({ nominationId, position: r.position, event: rowToEvent(r) }));
  const first = stored[0];
  if (first === undefined) return null;
  if (first.event.type !== type || first.event.actor.id !== command.actor.id)
    throw new StreamConflictError(nominationId, position, `${first.event.type} is already stored here`);
  return stored;
}

/**
 * Appends the events the workflow decided, or, when a retry finds them stored (see `storedBefore`), answers what was
 * stored: the workflow folds the answer, so it and the store agree even when the retry's clock differs.
 */
export async function appendDecided(
  db: Kysely<Database>,
  positioned: PositionedEvent[],
  options: AppendOptions,
): Promise<PositionedEvent[]> {
  const first = positioned[0];
  if (first === undefined) return [];
  return db.transaction().execute(async (trx) => {
    const loaded = await loadNominationForUpdate(trx, first.nominationId);
    const stored = storedBefore(loaded, first.nominationId, first.position, first.event, first.event.type);
    if (stored !== null) return stored;
    await appendEventsLocked(trx, positioned, options, loaded);
    return positioned;
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
