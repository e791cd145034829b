/**
 * The decider of a movement's reviews: `decide(command, state) → events` (or a DomainError), `evolve(state, event) →
 * state`, from `initialState()`. Recording a review (sơ kết, tổng kết) takes the launching unit's officer, a review
 * on the plan not yet recorded, held by the day it is recorded, scoring units in scope on the plan's criteria; the
 * final review closes the movement. The movement's workflow runs it to validate an update and again when it records.
 */
import { vietnamDay } from './deadlines.js';
import { DomainError } from './errors.js';
import {
  alreadyRecorded,
  ranked,
  requireMovementOfficer,
  reviewProblems,
  type MovementPlan,
  type PlannedReview,
  type ReviewToRecord,
  type ScoredUnit,
} from './movement.js';
import type { Actor } from './nomination/events.js';
import type { UnitLevel } from './organisation.js';

/** A review as recorded: the units ranked by their totals, who recorded it and when. */
export interface RecordedReview extends PlannedReview {
  results: ScoredUnit[];
  summary: string;
  recordedBy: string;
  recordedAt: string;
}

/** The movement is written: from now on its reviews can be recorded. */
export interface MovementLaunched {
  type: 'MovementLaunched';
  launchingUnit: { id: string; level: UnitLevel };
  plan: Pick<MovementPlan, 'criteria' | 'interimReviews' | 'finalReview'>;
  scopeUnitIds: readonly string[];
}

export interface MovementReviewRecorded extends RecordedReview {
  type: 'MovementReviewRecorded';
}

export type MovementEvent = MovementLaunched | MovementReviewRecorded;

export interface RecordReview extends ReviewToRecord {
  type: 'recordReview';
  actor: Actor;
  summary: string;
  /** When it is recorded (ISO 8601): time comes in, it is never read from a clock here. */
  at: string;
}

export type MovementCommand = RecordReview;

export type MovementReviewState =
  | { status: 'launching' }
  | {
      /** Active until the final review is recorded; closed after. */
      status: 'active' | 'closed';
      launchingUnit: MovementLaunched['launchingUnit'];
      plan: MovementLaunched['plan'];
      scopeUnitIds: readonly string[];
      recorded: readonly PlannedReview[];
    };

export const initialState = (): MovementReviewState => ({ status: 'launching' });

/** The command's own decision, typed by its event; `decide` dispatches to it. */
export function recordReview(command: RecordReview, state: MovementReviewState): MovementReviewRecorded[] {
  if (state.status === 'launching')
    throw new DomainError('NotFound', 'The movement is still being launched.');
  requireMovementOfficer(command.actor, state.launchingUnit, 'recordReview');
  const conflict = alreadyRecorded(state.recorded, command);
  if (conflict !== null)
    throw new DomainError('AlreadyExists', conflict, { kind: command.kind, on: command.on });
  const problems = reviewProblems(state.plan, new Set(state.scopeUnitIds), command, vietnamDay(command.at));
  if (problems.length > 0)
    throw new DomainError(
      'InvalidReview',
      `The review cannot be recorded: ${problems.map((p) => p.problem).join('; ')}`,
      { problems },
    );
  return [
    {
      type: 'MovementReviewRecorded',
      kind: command.kind,
      on: command.on,
      results: ranked(command.results),
      summary: command.summary,
      recordedBy: command.actor.id,
      recordedAt: command.at,
    },
  ];
}

/** Each command's own decision; `decide` dispatches to it by the command's type. */
const decisions: {
  [T in MovementCommand['type']]: (
    command: Extract<MovementCommand, { type: T }>,
    state: MovementReviewState,
  ) => MovementEvent[];
} = { recordReview };

export const decide = (command: MovementCommand, state: MovementReviewState): MovementEvent[] =>
  decisions[command.type](command, state);

export function evolve(state: MovementReviewState, event: MovementEvent): MovementReviewState {
  switch (event.type) {
    case 'MovementLaunched':
      return {
        status: 'active',
        launchingUnit: event.launchingUnit,
        plan: event.plan,
        scopeUnitIds: event.scopeUnitIds,
        recorded: [],
      };
    case 'MovementReviewRecorded':
      if (state.status === 'launching') return state;
      return {
        ...state,
        status: event.kind === 'final' ? 'closed' : state.status,
        recorded: [...state.recorded, { kind: event.kind, on: event.on }],
      };
  }
}

/** Emmett's shape: what a command store or a workflow needs to run the movement's reviews. */
export const movementReviewDecider = { decide, evolve, initialState };
