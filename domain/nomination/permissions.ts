/**
 * What an actor may do to a nomination now, each action judged by its own rule (the same `may…` check its command
 * runs first), so the page never offers what the rules refuse. Facts only activities supply (the review, the quota
 * figures) and the officer's input (a comment, the form of a downgrade) are judged when the action is taken.
 */
import { DomainError } from '../errors.js';
import type { NominationAction } from './commands.js';
import { mayApprove, mayOverrideQuota, mayRevoke } from './commands/decision.js';
import { mayDowngrade, mayEndorse, mayReject, mayReturn } from './commands/review.js';
import { mayResubmit, maySubmit, mayWithdraw } from './commands/submission.js';
import type { Actor } from './events.js';
import type { NominationState } from './state.js';

export interface PermittedAction {
  action: NominationAction;
  /** The page asks for a comment with it: the rule needs one (a downgrade's reason goes with the chosen form). */
  needsComment: boolean;
}

const rules: Record<
  NominationAction,
  { may: (state: NominationState, actor: Actor) => void; needsComment: boolean }
> = {
  submit: { may: maySubmit, needsComment: false },
  returnForRevision: { may: mayReturn, needsComment: true },
  resubmit: { may: mayResubmit, needsComment: false },
  endorse: { may: mayEndorse, needsComment: false },
  downgrade: { may: mayDowngrade, needsComment: true },
  approve: { may: mayApprove, needsComment: false },
  reject: { may: mayReject, needsComment: true },
  withdraw: { may: mayWithdraw, needsComment: false },
  revoke: { may: mayRevoke, needsComment: true },
  overrideQuota: { may: mayOverrideQuota, needsComment: true },
};

export function permittedActions(state: NominationState, actor: Actor): PermittedAction[] {
  return (Object.keys(rules) as NominationAction[]).flatMap((action) => {
    const rule = rules[action];
    try {
      rule.may(state, actor);
    } catch (err) {
      if (err instanceof DomainError) return [];
      throw err;
    }
    return [{ action, needsComment: rule.needsComment }];
  });
}
