/**
 * The checks every command's rule is made of: the stage, the unit that holds the nomination, the role, a comment. Each
 * refuses with a DomainError whose message says what to do about it.
 */
import { stageDeadline, type Timing } from '../../deadlines.js';
import { DomainError } from '../../errors.js';
import { officerRoles, type Role } from '../../roles.js';
import type { NominationCommand } from '../commands.js';
import type { Actor } from '../events.js';
import { holderStep, type ExistingNomination, type NominationState } from '../state.js';

type Status = NominationState['status'];
export type InStatus<S extends Status> = Extract<NominationState, { status: S }>;

const label: Record<Status, string> = {
  none: 'does not exist yet',
  draft: 'is a draft',
  inReview: 'is under review',
  returned: 'has been returned for revision',
  approved: 'has been approved',
  rejected: 'has been rejected',
  withdrawn: 'has been withdrawn',
  revoked: 'has been revoked',
};

export function requireStatus<S extends Status>(
  state: NominationState,
  allowed: readonly S[],
  action: string,
): asserts state is InStatus<S> {
  if (!(allowed as readonly Status[]).includes(state.status)) {
    throw new DomainError('WrongStage', `Cannot ${action}: the nomination ${label[state.status]}`, {
      status: state.status,
      allowed,
    });
  }
}

export function requireUnit(actor: Actor, unitId: string, action: string): void {
  if (actor.unitId !== unitId) {
    throw new DomainError(
      'WrongUnit',
      `Cannot ${action}: only unit ${unitId} may do this now, not ${actor.unitId}`,
      {
        expectedUnit: unitId,
        actorUnit: actor.unitId,
      },
    );
  }
}

export function requireRole(actor: Actor, roles: readonly Role[], action: string): void {
  if (actor.role === 'system' || !roles.includes(actor.role)) {
    throw new DomainError(
      'WrongRole',
      `Cannot ${action} in the role ${actor.role}: it takes ${roles.length > 0 ? roles.join(' or ') : 'a role no one has here'}`,
      { role: actor.role, allowed: roles },
    );
  }
}

export function requireComment(comment: string | null | undefined, action: string): string {
  const text = comment?.trim() ?? '';
  if (text === '') throw new DomainError('CommentRequired', `Cannot ${action} without a comment saying why`);
  return text;
}

/** The submitting unit's officers: they create, submit, resubmit and withdraw. */
export function requireSubmitter(actor: Actor, state: ExistingNomination, action: string): void {
  requireUnit(actor, state.submittingUnitId, action);
  const first = state.route[0];
  if (first === undefined) throw new Error('empty route');
  requireRole(actor, officerRoles(first.level), action);
}

/** The holding unit, in a reviewing role, takes a reviewing action (return, endorse, downgrade, reject). */
export function requireReviewer(
  actor: Actor,
  state: NominationState,
  action: string,
): asserts state is InStatus<'inReview'> {
  requireStatus(state, ['inReview'], action);
  requireUnit(actor, state.holder, action);
  requireRole(actor, officerRoles(holderStep(state).level), action);
}

/** What every event of a command carries: when, who, and the officer's comment (trimmed; none when blank). */
export function envelope(
  command: NominationCommand,
  comment: string | null = command.comment?.trim() || null,
) {
  return { occurredAt: command.at, actor: command.actor, comment };
}

/** The deadline of a stage that begins now. The fast track follows the form (ad-hoc awards). */
export function deadlineFrom(at: string, state: { timing: Timing; form: { fastTrack: boolean } }): string {
  return stageDeadline(at, state.timing, state.form.fastTrack);
}
