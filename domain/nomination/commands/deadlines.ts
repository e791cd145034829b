/** The workflow's own records of a stage's deadline: a reminder before it, an escalation after it. */
import type { RecordEscalation, RecordReminder } from '../commands.js';
import type { NominationEvent } from '../events.js';
import type { NominationState } from '../state.js';
import { envelope, requireStatus } from './guards.js';

export function recordReminder(command: RecordReminder, state: NominationState): NominationEvent[] {
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

export function recordEscalation(command: RecordEscalation, state: NominationState): NominationEvent[] {
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
