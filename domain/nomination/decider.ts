/**
 * The nomination decider: `decide(command, state) → events` and `evolve(state, event) → state`. Every rule of the
 * approval path lives here, pure — no Temporal, no PostgreSQL, no Node — so that the workflow runs it to act and
 * the auditor's replay runs the very same function to re-derive each outcome.
 */
import { stageDeadline, type Timing } from '../deadlines.js';
import { decidesAt } from '../organisation.js';
import { DomainError } from '../errors.js';
import { deciderRoles, officerRoles, type Role } from '../roles.js';
import type { NominationCommand } from './commands.js';
import type { Actor, NominationEvent } from './events.js';
import { decidingStep, holderStep, type ExistingNomination, type NominationState } from './state.js';

type Status = NominationState['status'];

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

function requireStatus<S extends Status>(
  state: NominationState,
  allowed: readonly S[],
  action: string,
): asserts state is Extract<NominationState, { status: S }> {
  if (!(allowed as readonly Status[]).includes(state.status)) {
    throw new DomainError('WrongStage', `Cannot ${action}: the nomination ${label[state.status]}`, {
      status: state.status,
      allowed,
    });
  }
}

function requireUnit(actor: Actor, unitId: string, action: string): void {
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

function requireRole(actor: Actor, roles: readonly Role[], action: string): void {
  if (actor.role === 'system' || !roles.includes(actor.role)) {
    throw new DomainError(
      'WrongRole',
      `Cannot ${action} in the role ${actor.role}: it takes ${roles.length > 0 ? roles.join(' or ') : 'a role no one has here'}`,
      { role: actor.role, allowed: roles },
    );
  }
}

function requireComment(comment: string | null | undefined, action: string): string {
  const text = comment?.trim() ?? '';
  if (text === '') throw new DomainError('CommentRequired', `Cannot ${action} without a comment saying why`);
  return text;
}

function envelope(command: NominationCommand, comment: string | null = command.comment?.trim() || null) {
  return { occurredAt: command.at, actor: command.actor, comment };
}

/** Refuses a command the rules do not allow, or returns the events it causes (none for a command already applied). */
export function decide(command: NominationCommand, state: NominationState): NominationEvent[] {
  switch (command.type) {
    case 'create': {
      requireStatus(state, ['none'], 'create this nomination');
      requireUnit(command.actor, command.submittingUnitId, 'create a nomination for this unit');
      const first = command.route[0];
      if (first?.unitId !== command.submittingUnitId)
        throw new DomainError('NoRoute', 'The route must start at the submitting unit');
      requireRole(command.actor, officerRoles(first.level), 'create a nomination');
      const last = command.route.at(-1);
      if (last === undefined || !decidesAt(last.level, command.form.decidingLevel)) {
        throw new DomainError('NoRoute', `The route must end at a unit that decides ${command.form.code}`);
      }
      const subject = command.form.subject;
      if (subject !== 'both' && subject !== command.nominee.kind) {
        throw new DomainError(
          'InvalidDossier',
          `${command.form.name} is only for ${subject === 'individual' ? 'individuals' : 'collectives'}`,
        );
      }
      return [
        {
          type: 'NominationCreated',
          ...envelope(command),
          data: {
            nominee: command.nominee,
            dossier: command.dossier,
            form: command.form,
            year: command.year,
            submittingUnitId: command.submittingUnitId,
            route: command.route,
            timing: command.timing,
          },
        },
      ];
    }
    case 'submit': {
      requireStatus(state, ['draft'], 'submit');
      requireSubmitter(command.actor, state, 'submit');
      if (command.review !== undefined && !command.review.passed) throw reviewFailed(command.review);
      const to = state.route[1]?.unitId ?? state.submittingUnitId;
      return command.review === undefined
        ? []
        : [
            {
              type: 'NominationSubmitted',
              ...envelope(command),
              data: { to, review: command.review, deadline: deadlineFrom(command.at, state) },
            },
          ];
    }
    case 'resubmit': {
      requireStatus(state, ['returned'], 'resubmit');
      requireSubmitter(command.actor, state, 'resubmit');
      if (command.review !== undefined && !command.review.passed) throw reviewFailed(command.review);
      return command.review === undefined
        ? []
        : [
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
    case 'returnForRevision': {
      reviewerMayAct(command, state, 'return it for revision');
      const comment = requireComment(command.comment, 'return a nomination');
      return [
        {
          type: 'NominationReturned',
          ...envelope(command, comment),
          data: { by: state.holder, to: state.submittingUnitId, deadline: deadlineFrom(command.at, state) },
        },
      ];
    }
    case 'endorse': {
      reviewerMayAct(command, state, 'endorse it');
      const index = state.route.findIndex((s) => s.unitId === state.holder);
      const next = state.route[index + 1];
      if (next === undefined) {
        throw new DomainError(
          'WrongStage',
          'Cannot endorse: this unit decides the nomination; approve, reject or return it instead',
        );
      }
      return [
        {
          type: 'NominationEndorsed',
          ...envelope(command),
          data: { by: state.holder, to: next.unitId, deadline: deadlineFrom(command.at, state) },
        },
      ];
    }
    case 'downgrade': {
      reviewerMayAct(command, state, 'downgrade it');
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
    case 'approve': {
      requireStatus(state, ['inReview'], 'approve');
      requireUnit(command.actor, state.holder, 'approve');
      const decider = decidingStep(state);
      if (decider.unitId !== state.holder || !decidesAt(decider.level, state.form.decidingLevel)) {
        throw new DomainError(
          'FormNotDecidedHere',
          `Cannot approve here: ${state.form.code} is decided at level ${state.form.decidingLevel}; endorse it instead`,
        );
      }
      requireRole(command.actor, deciderRoles(decider.level), 'approve');
      const quota = command.quota;
      if (quota?.outcome === 'block') {
        throw new DomainError('QuotaBlocked', `Cannot approve: ${quotaSummary(quota)}`, { quota });
      }
      if (quota?.outcome === 'warn' && state.quotaOverride === null) {
        throw new DomainError(
          'QuotaOverrideRequired',
          `Approving needs a recorded quota override by a decider, with a reason: ${quotaSummary(quota)}`,
          { quota },
        );
      }
      if (quota === undefined || command.decision === undefined) return [];
      return [
        {
          type: 'NominationApproved',
          ...envelope(command),
          data: {
            by: state.holder,
            decisionNumber: command.decision.number,
            sequence: command.decision.sequence,
            quota,
          },
        },
      ];
    }
    case 'reject': {
      reviewerMayAct(command, state, 'reject it');
      const comment = requireComment(command.comment, 'reject a nomination');
      return [{ type: 'NominationRejected', ...envelope(command, comment), data: { by: state.holder } }];
    }
    case 'withdraw': {
      requireStatus(state, ['draft', 'inReview', 'returned'], 'withdraw');
      requireSubmitter(command.actor, state, 'withdraw');
      return [{ type: 'NominationWithdrawn', ...envelope(command), data: { by: state.submittingUnitId } }];
    }
    case 'revoke': {
      requireStatus(state, ['approved'], 'revoke');
      requireUnit(command.actor, state.decision.unitId, 'revoke');
      requireRole(command.actor, deciderRoles(decidingStep(state).level), 'revoke an award');
      const reason = requireComment(command.comment, 'revoke an award');
      return [
        {
          type: 'AwardRevoked',
          ...envelope(command, reason),
          data: { by: state.decision.unitId, decisionNumber: state.decision.number },
        },
      ];
    }
    case 'overrideQuota': {
      requireStatus(state, ['inReview'], 'override a quota warning');
      requireUnit(command.actor, state.holder, 'override a quota warning');
      const decider = decidingStep(state);
      if (decider.unitId !== state.holder)
        throw new DomainError('WrongStage', 'Quota warnings are overridden at the deciding level');
      requireRole(command.actor, deciderRoles(decider.level), 'override a quota warning');
      const reason = requireComment(command.comment, 'override a quota warning');
      if (command.quota === undefined) return [];
      if (command.quota.outcome !== 'warn') {
        throw new DomainError(
          'NoQuotaWarning',
          command.quota.outcome === 'block'
            ? `A blocking quota cannot be overridden: ${quotaSummary(command.quota)}`
            : 'There is no quota warning to override',
          { quota: command.quota },
        );
      }
      return [
        {
          type: 'QuotaOverrideRecorded',
          ...envelope(command, reason),
          data: { by: state.holder, quota: command.quota },
        },
      ];
    }
    case 'recordReminder': {
      requireStatus(state, ['inReview', 'returned'], 'remind');
      if (state.deadline === null) return [];
      return [
        {
          type: 'DeadlineReminderSent',
          ...envelope(command),
          data: { holder: state.holder, deadline: state.deadline },
        },
      ];
    }
    case 'recordEscalation': {
      requireStatus(state, ['inReview', 'returned'], 'escalate');
      if (state.deadline === null) return [];
      return [
        {
          type: 'DeadlineEscalated',
          ...envelope(command),
          data: { holder: state.holder, deadline: state.deadline, escalatedTo: command.escalatedTo },
        },
      ];
    }
    default: {
      const unknown: never = command;
      throw new Error(`unknown command ${JSON.stringify(unknown)}`);
    }
  }
}

/** The deadline of a stage that begins now. The fast track follows the form (ad-hoc awards). */
function deadlineFrom(at: string, state: { timing: Timing; form: { fastTrack: boolean } }): string {
  return stageDeadline(at, state.timing, state.form.fastTrack);
}

function requireSubmitter(actor: Actor, state: ExistingNomination, action: string): void {
  requireUnit(actor, state.submittingUnitId, action);
  const first = state.route[0];
  if (first === undefined) throw new Error('empty route');
  requireRole(actor, officerRoles(first.level), action);
}

/** Checks that the holding unit, in a reviewing role, takes a reviewing action (return, endorse, downgrade, reject). */
function reviewerMayAct(
  command: NominationCommand,
  state: NominationState,
  action: string,
): asserts state is Extract<NominationState, { status: 'inReview' }> {
  requireStatus(state, ['inReview'], action);
  requireUnit(command.actor, state.holder, action);
  requireRole(command.actor, officerRoles(holderStep(state).level), action);
}

function reviewFailed(review: { checks: { check: string; passed: boolean; detail: string }[] }): DomainError {
  const failed = review.checks.filter((c) => !c.passed);
  return new DomainError(
    'ReviewFailed',
    `The review found problems: ${failed.map((c) => `${c.check} (${c.detail})`).join('; ')}`,
    {
      failedChecks: failed,
    },
  );
}

function quotaSummary(quota: {
  findings: {
    description: string;
    outcome: string;
    shareAfter: number | null;
    limit: number;
    after: { total: number };
  }[];
}): string {
  return quota.findings
    .filter((f) => f.outcome !== 'ok')
    .map((f) =>
      f.shareAfter === null
        ? `${f.description}: would be ${f.after.total}, limit ${f.limit}`
        : `${f.description}: would be ${(f.shareAfter * 100).toFixed(1)}%, limit ${(f.limit * 100).toFixed(0)}%`,
    )
    .join('; ');
}

/** Folds one event into the state. Total: an event that does not fit the state is a corrupt stream. */
export function evolve(state: NominationState, event: NominationEvent): NominationState {
  if (event.type === 'NominationCreated') {
    const d = event.data;
    return {
      status: 'draft',
      id: '',
      nominee: d.nominee,
      dossier: d.dossier,
      form: d.form,
      year: d.year,
      submittingUnitId: d.submittingUnitId,
      route: d.route,
      holder: d.submittingUnitId,
      version: 1,
      createdAt: event.occurredAt,
      stageEnteredAt: event.occurredAt,
      returnCount: 0,
      quotaOverride: null,
      timing: d.timing,
      deadline: null,
    };
  }
  if (state.status === 'none') throw new Error(`${event.type} before NominationCreated`);
  const base = { ...state, version: state.version + 1 };
  const moved = (holder: string, deadline: string) => ({
    ...base,
    holder,
    deadline,
    stageEnteredAt: event.occurredAt,
    quotaOverride: null,
  });
  switch (event.type) {
    case 'NominationSubmitted':
      return { ...moved(event.data.to, event.data.deadline), status: 'inReview' };
    case 'NominationReturned':
      return {
        ...moved(event.data.to, event.data.deadline),
        status: 'returned',
        returnedBy: event.data.by,
        returnCount: state.returnCount + 1,
      };
    case 'NominationResubmitted':
      return {
        ...moved(event.data.to, event.data.deadline),
        status: 'inReview',
        dossier: event.data.dossier,
      };
    case 'NominationEndorsed':
      return { ...moved(event.data.to, event.data.deadline), status: 'inReview' };
    case 'NominationDowngraded':
      return {
        ...base,
        status: 'inReview',
        form: event.data.form,
        route: event.data.route,
        quotaOverride: null,
        deadline: event.data.deadline,
        stageEnteredAt: event.occurredAt,
      };
    case 'NominationApproved':
      return {
        ...base,
        status: 'approved',
        deadline: null,
        decision: {
          number: event.data.decisionNumber,
          sequence: event.data.sequence,
          unitId: event.data.by,
          approvedAt: event.occurredAt,
          quota: event.data.quota,
        },
      };
    case 'NominationRejected':
      return { ...base, status: 'rejected', rejectedBy: event.data.by, deadline: null };
    case 'NominationWithdrawn':
      return { ...base, status: 'withdrawn', deadline: null };
    case 'AwardRevoked':
      if (state.status !== 'approved') throw new Error('AwardRevoked of a nomination that is not approved');
      return {
        ...base,
        status: 'revoked',
        decision: state.decision,
        revokedAt: event.occurredAt,
        reason: event.comment ?? '',
      };
    case 'QuotaOverrideRecorded':
      return {
        ...base,
        quotaOverride: {
          by: event.actor.id,
          reason: event.comment ?? '',
          at: event.occurredAt,
          quota: event.data.quota,
        },
      };
    case 'DeadlineReminderSent':
    case 'DeadlineEscalated':
      return base;
    default: {
      const unknown: never = event;
      throw new Error(`unknown event ${JSON.stringify(unknown)}`);
    }
  }
}

/** The state after a whole stream: what the workflow holds, what the replay re-derives. */
export function fold(events: readonly NominationEvent[], nominationId: string): NominationState {
  const state = events.reduce<NominationState>(evolve, { status: 'none' });
  return state.status === 'none' ? state : { ...state, id: nominationId };
}
