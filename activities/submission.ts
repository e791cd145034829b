/**
 * Submitting (or resubmitting) a nomination is one PostgreSQL transaction, as the approval is: lock the stream, gather
 * the review's facts and review, let the decider judge the submission once on the result, append it. A dossier that
 * fails review is refused with each failed check, and nothing is written.
 */
import type { Kysely } from 'kysely';
import type { ResubmitNomination, SubmitNomination } from '../domain/nomination/commands.js';
import { decide } from '../domain/nomination/decider.js';
import type { PositionedEvent } from '../domain/nomination/events.js';
import {
  appendEventsLocked,
  loadNominationForUpdate,
  StreamConflictError,
  type AppendOptions,
} from '../db/event-store.js';
import type { Database } from '../db/schema.js';
import { storedBefore } from './approval.js';
import { runReview } from './review.js';

export interface SubmitInput {
  nominationId: string;
  /** The position the submission takes in the stream: the workflow's version + 1. */
  position: number;
  command: SubmitNomination | ResubmitNomination;
}

export async function submitInTransaction(
  db: Kysely<Database>,
  input: SubmitInput,
  options: AppendOptions,
): Promise<PositionedEvent[]> {
  const { nominationId, position, command } = input;
  return db.transaction().execute(async (trx) => {
    const loaded = await loadNominationForUpdate(trx, nominationId);
    const type = command.type === 'submit' ? 'NominationSubmitted' : 'NominationResubmitted';
    const stored = storedBefore(loaded, nominationId, position, command, type);
    if (stored !== null) return stored;
    const { state } = loaded;
    if (state.status === 'none') throw new Error(`no nomination ${nominationId}`);
    if (loaded.events.length + 1 !== position)
      throw new StreamConflictError(nominationId, position, `the stream is at ${loaded.events.length}`);

    const dossier = command.type === 'resubmit' ? (command.dossier ?? state.dossier) : state.dossier;
    const review = await runReview(trx, {
      nominationId,
      form: state.form,
      nominee: state.nominee,
      dossier,
      year: state.year,
    });
    const events = decide({ ...command, review }, state);
    const positioned = events.map((event, i) => ({ nominationId, position: position + i, event }));
    await appendEventsLocked(trx, positioned, options, loaded);
    return positioned;
  });
}
