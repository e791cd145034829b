/**
 * Submitting (or resubmitting) a nomination is one PostgreSQL transaction, as the approval is: lock the stream, gather
 * the review's facts and review, let the decider judge the submission once on the result, append it. A dossier that
 * fails review is refused with each failed check, and nothing is written.
 */
import type { Kysely } from 'kysely';
import type { ResubmitNomination, SubmitNomination } from '../domain/nomination/commands.js';
import { decide } from '../domain/nomination/decider.js';
import type { PositionedEvent } from '../domain/nomination/events.js';
import type { AppendOptions } from '../db/event-store.js';
import type { Database } from '../db/schema.js';
import { runReview } from './review.js';
import { decideInTransaction, type StreamCommand } from './stream-writes.js';

export type SubmitInput = StreamCommand<SubmitNomination | ResubmitNomination>;

export async function submitInTransaction(
  db: Kysely<Database>,
  input: SubmitInput,
  options: AppendOptions,
): Promise<PositionedEvent[]> {
  const { nominationId, command } = input;
  const type = command.type === 'submit' ? 'NominationSubmitted' : 'NominationResubmitted';
  return decideInTransaction(db, input, type, options, async (trx, state) => {
    const dossier = command.type === 'resubmit' ? (command.dossier ?? state.dossier) : state.dossier;
    const review = await runReview(trx, {
      nominationId,
      form: state.form,
      nominee: state.nominee,
      dossier,
      year: state.year,
    });
    return decide({ ...command, review }, state);
  });
}
