/** The reviewing levels' commands, taken by the holding unit: return for revision, endorse, downgrade, reject. */
import { DomainError } from '../../errors.js';
import { decidesAt } from '../../organisation.js';
import type {
  DowngradeNomination,
  EndorseNomination,
  RejectNomination,
  ReturnForRevision,
} from '../commands.js';
import type { Actor, NominationEvent } from '../events.js';
import { holderStep, type NominationState } from '../state.js';
import { deadlineFrom, envelope, requireComment, requireReviewer, type InStatus } from './guards.js';

export function mayReturn(state: NominationState, actor: Actor): asserts state is InStatus<'inReview'> {
  requireReviewer(actor, state, 'return it for revision');
}

export function returnForRevision(command: ReturnForRevision, state: NominationState): NominationEvent[] {
  mayReturn(state, command.actor);
  const comment = requireComment(command.comment, 'return a nomination');
  return [
    {
      type: 'NominationReturned',
      ...envelope(command, comment),
      data: { by: state.holder, to: state.submittingUnitId, deadline: deadlineFrom(command.at, state) },
    },
  ];
}

/** A reviewing level passes the nomination on; the deciding unit approves, rejects or returns it instead. */
export function mayEndorse(state: NominationState, actor: Actor): asserts state is InStatus<'inReview'> {
  requireReviewer(actor, state, 'endorse it');
  if (nextStep(state) === undefined) {
    throw new DomainError(
      'WrongStage',
      'Cannot endorse: this unit decides the nomination; approve, reject or return it instead',
    );
  }
}

export function endorse(command: EndorseNomination, state: NominationState): NominationEvent[] {
  mayEndorse(state, command.actor);
  const next = nextStep(state);
  if (next === undefined) throw new Error('unreachable: mayEndorse found the next step');
  return [
    {
      type: 'NominationEndorsed',
      ...envelope(command),
      data: { by: state.holder, to: next.unitId, deadline: deadlineFrom(command.at, state) },
    },
  ];
}

/** Any reviewing level may downgrade; which forms it may downgrade to is judged with the form. */
export function mayDowngrade(state: NominationState, actor: Actor): asserts state is InStatus<'inReview'> {
  requireReviewer(actor, state, 'downgrade it');
}

/** A lower form that this level decides: the route is cut here, and this unit becomes the decider. */
export function downgrade(command: DowngradeNomination, state: NominationState): NominationEvent[] {
  mayDowngrade(state, command.actor);
  const here = holderStep(state);
  if (!decidesAt(here.level, command.toForm.decidingLevel)) {
    throw new DomainError(
      'FormNotDecidedHere',
      `Cannot downgrade to ${command.toForm.code}: it is not decided at this level (${here.level})`,
      {
        form: command.toForm.code,
        level: here.level,
      },
    );
  }
  if (command.toForm.code === state.form.code)
    throw new DomainError('FormNotDecidedHere', 'The nomination already has this form');
  if (command.toForm.subject !== 'both' && command.toForm.subject !== state.nominee.kind) {
    throw new DomainError('InvalidDossier', `${command.toForm.name} is not for this kind of nominee`);
  }
  const index = state.route.findIndex((s) => s.unitId === state.holder);
  return [
    {
      type: 'NominationDowngraded',
      ...envelope(command),
      data: {
        by: state.holder,
        fromFormCode: state.form.code,
        form: command.toForm,
        route: state.route.slice(0, index + 1),
        deadline: deadlineFrom(command.at, { ...state, form: command.toForm }),
      },
    },
  ];
}

export function mayReject(state: NominationState, actor: Actor): asserts state is InStatus<'inReview'> {
  requireReviewer(actor, state, 'reject it');
}

export function reject(command: RejectNomination, state: NominationState): NominationEvent[] {
  mayReject(state, command.actor);
  const comment = requireComment(command.comment, 'reject a nomination');
  return [{ type: 'NominationRejected', ...envelope(command, comment), data: { by: state.holder } }];
}

function nextStep(state: InStatus<'inReview'>) {
  const index = state.route.findIndex((s) => s.unitId === state.holder);
  return state.route[index + 1];
}
