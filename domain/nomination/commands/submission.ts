/** The submitting unit's commands: submit a draft, resubmit after a return, withdraw before a decision. */
import { DomainError } from '../../errors.js';
import type { ReviewResult } from '../../review.js';
import type { ResubmitNomination, SubmitNomination, WithdrawNomination } from '../commands.js';
import type { Actor, NominationEvent } from '../events.js';
import type { NominationState } from '../state.js';
import { deadlineFrom, envelope, requireStatus, requireSubmitter, type InStatus } from './guards.js';

export function maySubmit(state: NominationState, actor: Actor): asserts state is InStatus<'draft'> {
  requireStatus(state, ['draft'], 'submit');
  requireSubmitter(actor, state, 'submit');
}

/** Without the review yet, a submission is only validated: the workflow fills the review in and decides again. */
export function submit(command: SubmitNomination, state: NominationState): NominationEvent[] {
  maySubmit(state, command.actor);
  if (command.review === undefined) return [];
  requirePassed(command.review);
  const to = state.route[1]?.unitId ?? state.submittingUnitId;
  return [
    {
      type: 'NominationSubmitted',
      ...envelope(command),
      data: { to, review: command.review, deadline: deadlineFrom(command.at, state) },
    },
  ];
}

export function mayResubmit(state: NominationState, actor: Actor): asserts state is InStatus<'returned'> {
  requireStatus(state, ['returned'], 'resubmit');
  requireSubmitter(actor, state, 'resubmit');
}

/** The revised dossier goes back to the level that returned it. */
export function resubmit(command: ResubmitNomination, state: NominationState): NominationEvent[] {
  mayResubmit(state, command.actor);
  if (command.review === undefined) return [];
  requirePassed(command.review);
  return [
    {
      type: 'NominationResubmitted',
      ...envelope(command),
      data: {
        to: state.returnedBy,
        dossier: command.dossier ?? state.dossier,
        review: command.review,
        deadline: deadlineFrom(command.at, state),
      },
    },
  ];
}

export function mayWithdraw(
  state: NominationState,
  actor: Actor,
): asserts state is InStatus<'draft' | 'inReview' | 'returned'> {
  requireStatus(state, ['draft', 'inReview', 'returned'], 'withdraw');
  requireSubmitter(actor, state, 'withdraw');
}

export function withdraw(command: WithdrawNomination, state: NominationState): NominationEvent[] {
  mayWithdraw(state, command.actor);
  return [{ type: 'NominationWithdrawn', ...envelope(command), data: { by: state.submittingUnitId } }];
}

function requirePassed(review: ReviewResult): void {
  if (review.passed) return;
  const failed = review.checks.filter((c) => !c.passed);
  throw new DomainError(
    'ReviewFailed',
    `The review found problems: ${failed.map((c) => `${c.check} (${c.detail})`).join('; ')}`,
    {
      failedChecks: failed,
    },
  );
}
