/**
 * Folding a nomination's events into its state: `evolve` one event at a time, `fold` a whole stream. Total: an event
 * that does not fit the state is a corrupt stream.
 */
import type { NominationEvent } from './events.js';
import { initialState, type NominationState } from './state.js';

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
  const state = events.reduce<NominationState>(evolve, initialState());
  return state.status === 'none' ? state : { ...state, id: nominationId };
}
