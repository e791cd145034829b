/**
 * How the nomination workflow's writes meet the event store: each is one transaction under the stream's lock, and each
 * may run again after its first attempt committed (a lost answer, a workflow task retried on another worker), so each
 * first looks for what that attempt stored.
 */
import type { Kysely, Transaction } from 'kysely';
import type { NominationEvent, PositionedEvent } from '../domain/nomination/events.js';
import type { ExistingNomination } from '../domain/nomination/state.js';
import {
  appendEventsLocked,
  loadNominationForUpdate,
  rowToEvent,
  StreamConflictError,
  type AppendOptions,
  type LoadedNomination,
} from '../db/event-store.js';
import type { Database } from '../db/schema.js';

/**
 * What an earlier attempt of the same command stored at `position`, when it committed and only its answer was lost: the
 * retry hands it back and decides nothing again (no second number, no second review). An earlier attempt is known by
 * the event's type and actor, not its time: a local activity's input is made again when its workflow task is retried
 * on another worker, with that task's clock, and the workflow then folds what was stored. Only this nomination's
 * workflow writes this place, one action at a time; anything else stored there (a decision that listed this
 * nomination, a withdrawal) was another writer's: a conflict. Null when nothing is there yet.
 */
function storedBefore(
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

export interface StreamCommand<C> {
  nominationId: string;
  /** The position the command's first event takes in the stream: the workflow's version + 1. */
  position: number;
  command: C;
}

/**
 * A command whose facts are read inside its transaction (a review's, an approval's quota figures and number): under
 * the stream's lock, `decideWith` reads them and lets the decider judge once, and its events are appended. A refusal
 * rolls all of it back. `type` is the event the command stores first, by which a retry finds its first attempt's.
 */
export async function decideInTransaction<C extends { actor: { id: string } }>(
  db: Kysely<Database>,
  { nominationId, position, command }: StreamCommand<C>,
  type: NominationEvent['type'],
  options: AppendOptions,
  decideWith: (trx: Transaction<Database>, state: ExistingNomination) => Promise<NominationEvent[]>,
): Promise<PositionedEvent[]> {
  return db.transaction().execute(async (trx) => {
    const loaded = await loadNominationForUpdate(trx, nominationId);
    const stored = storedBefore(loaded, nominationId, position, command, type);
    if (stored !== null) return stored;
    const { state } = loaded;
    if (state.status === 'none') throw new Error(`no nomination ${nominationId}`);
    if (loaded.events.length + 1 !== position)
      throw new StreamConflictError(nominationId, position, `the stream is at ${loaded.events.length}`);
    const events = await decideWith(trx, state);
    const positioned = events.map((event, i) => ({ nominationId, position: position + i, event }));
    await appendEventsLocked(trx, positioned, options, loaded);
    return positioned;
  });
}
