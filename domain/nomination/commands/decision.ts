/** The deciding unit's commands, signed by a decider: approve, override a quota warning, revoke an award. */
import { DomainError } from '../../errors.js';
import { decidesAt } from '../../organisation.js';
import type { QuotaOutcome } from '../../quota.js';
import { deciderRoles } from '../../roles.js';
import type { ApproveNomination, OverrideQuota, RevokeAward } from '../commands.js';
import type { Actor, NominationEvent } from '../events.js';
import { decidingStep, type NominationState } from '../state.js';
import {
  envelope,
  requireComment,
  requireRole,
  requireStatus,
  requireUnit,
  type InStatus,
} from './guards.js';

/** The holder approves when it is the unit that decides the form, and only a decider signs. */
export function mayApprove(state: NominationState, actor: Actor): asserts state is InStatus<'inReview'> {
  requireStatus(state, ['inReview'], 'approve');
  requireUnit(actor, state.holder, 'approve');
  const decider = decidingStep(state);
  if (decider.unitId !== state.holder || !decidesAt(decider.level, state.form.decidingLevel)) {
    throw new DomainError(
      'FormNotDecidedHere',
      `Cannot approve here: ${state.form.code} is decided at level ${state.form.decidingLevel}; endorse it instead`,
    );
  }
  requireRole(actor, deciderRoles(decider.level), 'approve');
}

/**
 * The quota figures decide first: a block refuses, a warning needs a recorded override. Without the figures and the
 * decision number (which only the approval's transaction supplies) the command is only validated.
 */
export function approve(command: ApproveNomination, state: NominationState): NominationEvent[] {
  mayApprove(state, command.actor);
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
        ...(command.decision.id !== undefined ? { decisionId: command.decision.id } : {}),
      },
    },
  ];
}

/** Quota warnings are accepted at the deciding stage, by a decider of the holding unit. */
export function mayOverrideQuota(
  state: NominationState,
  actor: Actor,
): asserts state is InStatus<'inReview'> {
  requireStatus(state, ['inReview'], 'override a quota warning');
  requireUnit(actor, state.holder, 'override a quota warning');
  const decider = decidingStep(state);
  if (decider.unitId !== state.holder)
    throw new DomainError('WrongStage', 'Quota warnings are overridden at the deciding level');
  requireRole(actor, deciderRoles(decider.level), 'override a quota warning');
}

/** Only a warning can be overridden, with a reason; whether there is one shows once the figures are read. */
export function overrideQuota(command: OverrideQuota, state: NominationState): NominationEvent[] {
  mayOverrideQuota(state, command.actor);
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

/** An approved award is revoked by the unit that decided it, by a decider. */
export function mayRevoke(state: NominationState, actor: Actor): asserts state is InStatus<'approved'> {
  requireStatus(state, ['approved'], 'revoke');
  requireUnit(actor, state.decision.unitId, 'revoke');
  requireRole(actor, deciderRoles(decidingStep(state).level), 'revoke an award');
}

export function revoke(command: RevokeAward, state: NominationState): NominationEvent[] {
  mayRevoke(state, command.actor);
  const reason = requireComment(command.comment, 'revoke an award');
  return [
    {
      type: 'AwardRevoked',
      ...envelope(command, reason),
      data: {
        by: state.decision.unitId,
        decisionNumber: state.decision.number,
        ...(command.revocation !== undefined
          ? {
              revocationDecisionId: command.revocation.id,
              revocationNumber: command.revocation.number,
              revocationSequence: command.revocation.sequence,
            }
          : {}),
      },
    },
  ];
}

function quotaSummary(quota: QuotaOutcome): string {
  return quota.findings
    .filter((f) => f.outcome !== 'ok')
    .map((f) =>
      f.shareAfter === null
        ? `${f.description}: would be ${f.after.total}, limit ${f.limit}`
        : `${f.description}: would be ${(f.shareAfter * 100).toFixed(1)}%, limit ${(f.limit * 100).toFixed(0)}%`,
    )
    .join('; ');
}
