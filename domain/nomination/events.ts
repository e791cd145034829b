/**
 * The events of a nomination's stream: what happened, decided by `decide` and folded by `evolve`. Plain JSON only
 * (ISO time strings, no Date): the same values cross into the workflow, into PostgreSQL and into the auditor's
 * replay. Event types are never renamed or changed in meaning once shipped; new facts get new types or optional
 * fields.
 */
import type { AwardForm } from '../award-forms.js';
import type { Timing } from '../deadlines.js';
import type { RouteStep } from '../organisation.js';
import type { QuotaOutcome } from '../quota.js';
import type { ReviewResult } from '../review.js';
import type { Role } from '../roles.js';
import type { Dossier, Nominee } from './dossier.js';

/** Who acted: the officer, in which role, for which unit. */
export interface Actor {
  id: string;
  role: Role | 'system';
  unitId: string;
}

interface EventBase<Type extends string, Data> {
  type: Type;
  /** When it happened (ISO 8601), as the command said: time comes in, it is never read from a clock here. */
  occurredAt: string;
  actor: Actor;
  comment: string | null;
  data: Data;
}

/** Đề nghị được lập: a draft with its nominee, dossier and the route derived from the unit tree. */
export type NominationCreated = EventBase<
  'NominationCreated',
  {
    nominee: Nominee;
    dossier: Dossier;
    form: AwardForm;
    year: number;
    submittingUnitId: string;
    route: RouteStep[];
    /** The deadlines in force for this nomination, fixed at creation. */
    timing: Timing;
  }
>;
/** Trình lên: sent up to the first reviewing level, with the review's findings. */
export type NominationSubmitted = EventBase<
  'NominationSubmitted',
  { to: string; review: ReviewResult; deadline: string }
>;
/** Trả lại để bổ sung: back to the submitting unit for revision. */
export type NominationReturned = EventBase<
  'NominationReturned',
  { by: string; to: string; deadline: string }
>;
/** Trình lại: revised and sent back to the level that returned it. */
export type NominationResubmitted = EventBase<
  'NominationResubmitted',
  { to: string; dossier: Dossier; review: ReviewResult; deadline: string }
>;
/** Đồng ý, trình cấp trên: passed up to the next level. */
export type NominationEndorsed = EventBase<
  'NominationEndorsed',
  { by: string; to: string; deadline: string }
>;
/** Hạ hình thức: changed to a form this level decides itself; the route now ends here. */
export type NominationDowngraded = EventBase<
  'NominationDowngraded',
  { by: string; fromFormCode: string; form: AwardForm; route: RouteStep[]; deadline: string }
>;
/**
 * Ra quyết định khen thưởng: approved, with its decision number and the quota figures the check saw; `decisionId` names
 * the decision record (domain/decision.ts) when the approval was issued in one, with the rest of its annex.
 */
export type NominationApproved = EventBase<
  'NominationApproved',
  { by: string; decisionNumber: string; sequence: number; quota: QuotaOutcome; decisionId?: string }
>;
/** Không đồng ý: rejected, final. */
export type NominationRejected = EventBase<'NominationRejected', { by: string }>;
/** Rút đề nghị: withdrawn by the submitting unit before a decision. */
export type NominationWithdrawn = EventBase<'NominationWithdrawn', { by: string }>;
/**
 * Thu hồi quyết định: an approved award revoked (e.g. for false declarations); the history keeps both. `decisionNumber`
 * is the award's own decision; a revocation decided by a decision of its own (quyết định thu hồi) names it too. Older
 * revocations have none.
 */
export type AwardRevoked = EventBase<
  'AwardRevoked',
  {
    by: string;
    decisionNumber: string;
    revocationDecisionId?: string;
    revocationNumber?: string;
    revocationSequence?: number;
  }
>;
/** A decider accepted a quota warning, with a reason, and the figures as they stood. */
export type QuotaOverrideRecorded = EventBase<'QuotaOverrideRecorded', { by: string; quota: QuotaOutcome }>;
/** A stage's deadline is near: the holding unit was reminded. */
export type DeadlineReminderSent = EventBase<'DeadlineReminderSent', { holder: string; deadline: string }>;
/** A stage's deadline passed: the head of the next level up was alerted. */
export type DeadlineEscalated = EventBase<
  'DeadlineEscalated',
  { holder: string; deadline: string; escalatedTo: string }
>;

export type NominationEvent =
  | NominationCreated
  | NominationSubmitted
  | NominationReturned
  | NominationResubmitted
  | NominationEndorsed
  | NominationDowngraded
  | NominationApproved
  | NominationRejected
  | NominationWithdrawn
  | AwardRevoked
  | QuotaOverrideRecorded
  | DeadlineReminderSent
  | DeadlineEscalated;

export type NominationEventType = NominationEvent['type'];

/** An event with its place in the stream: (nominationId, position) is its identity. */
export interface PositionedEvent {
  nominationId: string;
  position: number;
  event: NominationEvent;
}
