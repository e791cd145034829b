/**
 * What officers ask of a nomination. Each command carries the acting officer and the time. Facts that only I/O can
 * establish (the review's findings, the quota figures, the decision number) travel in the command too: the
 * workflow's validator decides without them (to refuse early and leave no history), the handler decides again once
 * the activities have supplied them.
 */
import type { AwardForm } from '../award-forms.js';
import type { Timing } from '../deadlines.js';
import type { RouteStep } from '../organisation.js';
import type { QuotaOutcome } from '../quota.js';
import type { ReviewResult } from '../review.js';
import type { Dossier, Nominee } from './dossier.js';
import type { Actor } from './events.js';

interface CommandBase<Type extends string> {
  type: Type;
  actor: Actor;
  /** ISO 8601. */
  at: string;
  comment?: string | null;
}

export type CreateNomination = CommandBase<'create'> & {
  nominee: Nominee;
  dossier: Dossier;
  form: AwardForm;
  year: number;
  submittingUnitId: string;
  route: RouteStep[];
  timing: Timing;
  /**
   * The nominee's unit and every unit above it, from the unit tree: a unit nominates only its own people. Absent in
   * the commands of workflows started before the rule moved into the decider.
   */
  nomineeUnitPath?: readonly string[];
};
export type SubmitNomination = CommandBase<'submit'> & { review?: ReviewResult };
export type ReturnForRevision = CommandBase<'returnForRevision'>;
export type ResubmitNomination = CommandBase<'resubmit'> & { dossier?: Dossier; review?: ReviewResult };
export type EndorseNomination = CommandBase<'endorse'>;
export type DowngradeNomination = CommandBase<'downgrade'> & { toForm: AwardForm };
export type ApproveNomination = CommandBase<'approve'> & {
  quota?: QuotaOutcome;
  /** Supplied by the approval's transaction: the number taken, and the decision record it is issued in, if any. */
  decision?: { number: string; sequence: number; id?: string };
};
export type RejectNomination = CommandBase<'reject'>;
export type WithdrawNomination = CommandBase<'withdraw'>;
export type RevokeAward = CommandBase<'revoke'> & {
  /** Supplied by the revocation decision's transaction: the decision (quyết định thu hồi) and the number it took. */
  revocation?: { id: string; number: string; sequence: number };
};
export type OverrideQuota = CommandBase<'overrideQuota'> & { quota?: QuotaOutcome };
/** The system notes that the holding unit was reminded of a near deadline. */
export type RecordReminder = CommandBase<'recordReminder'>;
/** The system notes that a missed deadline was escalated to the head of the next level. */
export type RecordEscalation = CommandBase<'recordEscalation'> & { escalatedTo: string };

export type NominationCommand =
  | CreateNomination
  | SubmitNomination
  | ReturnForRevision
  | ResubmitNomination
  | EndorseNomination
  | DowngradeNomination
  | ApproveNomination
  | RejectNomination
  | WithdrawNomination
  | RevokeAward
  | OverrideQuota
  | RecordReminder
  | RecordEscalation;

/** What officers do to an existing nomination. */
export type NominationAction = Exclude<
  NominationCommand['type'],
  'create' | 'recordReminder' | 'recordEscalation'
>;
