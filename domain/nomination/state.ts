/**
 * A nomination's state, folded from its events. A union on `status`; every status but `none` carries what the
 * rules need, so that `decide` asks nothing of the outside world.
 */
import type { AwardForm } from '../award-forms.js';
import type { Timing } from '../deadlines.js';
import type { RouteStep, UnitLevel } from '../organisation.js';
import type { QuotaOutcome } from '../quota.js';
import type { Dossier, Nominee } from './dossier.js';

export interface NominationCore {
  id: string;
  nominee: Nominee;
  dossier: Dossier;
  form: AwardForm;
  year: number;
  submittingUnitId: string;
  /** From the submitting unit up to the deciding unit (the last step). */
  route: RouteStep[];
  /** The unit that holds the nomination now: the only one that may act on it. */
  holder: string;
  /** Events applied so far: the nomination's version (If-Match). */
  version: number;
  createdAt: string;
  /** When the current stage began: deadlines run from here. */
  stageEnteredAt: string;
  returnCount: number;
  timing: Timing;
  /** The current stage's deadline, while the nomination waits on someone. */
  deadline: string | null;
  /** A quota warning accepted by a decider at the current decision stage. */
  quotaOverride: { by: string; reason: string; at: string; quota: QuotaOutcome } | null;
}

export interface Decision {
  number: string;
  sequence: number;
  unitId: string;
  approvedAt: string;
  quota: QuotaOutcome;
}

export type NominationState =
  | { status: 'none' }
  | (NominationCore & { status: 'draft' })
  | (NominationCore & { status: 'inReview' })
  | (NominationCore & { status: 'returned'; returnedBy: string })
  | (NominationCore & { status: 'approved'; decision: Decision })
  | (NominationCore & { status: 'rejected'; rejectedBy: string })
  | (NominationCore & { status: 'withdrawn' })
  | (NominationCore & { status: 'revoked'; decision: Decision; revokedAt: string; reason: string });

export type NominationStatus = NominationState['status'];
export type ExistingNomination = Exclude<NominationState, { status: 'none' }>;

export const initialState = (): NominationState => ({ status: 'none' });

export function holderStep(state: ExistingNomination): RouteStep {
  const step = state.route.find((s) => s.unitId === state.holder);
  if (step === undefined) throw new Error(`holder ${state.holder} is not on the route`);
  return step;
}

export function decidingStep(state: ExistingNomination): RouteStep {
  const step = state.route.at(-1);
  if (step === undefined) throw new Error('empty route');
  return step;
}

/** The stage as officers name it and as the search attribute shows it: `review:district`, `approved`, … */
export function stageOf(state: NominationState): string {
  if (state.status === 'inReview') return `review:${stageLevel(holderStep(state).level)}`;
  return state.status;
}

function stageLevel(level: UnitLevel): string {
  return level === 'sector' ? 'district' : level;
}

/** Statuses after which nothing more can happen to a nomination (its workflow has ended). */
export const closedStatuses: readonly NominationStatus[] = ['rejected', 'withdrawn', 'revoked'];

export function isClosedStatus(status: string): boolean {
  return (closedStatuses as readonly string[]).includes(status);
}

/** No further action except, for an approved award, revocation. */
export function isClosed(state: NominationState): boolean {
  return isClosedStatus(state.status);
}
