/**
 * The nomination decider: `decide(command, state) → events`, `evolve(state, event) → state` and the initial state,
 * together in Emmett's shape. Each command has its rule in commands/; `decide` only dispatches. Every rule of the
 * approval path is pure — no Temporal, no PostgreSQL, no Node — so that the workflow runs it to act and the
 * auditor's replay runs the very same functions to re-derive each outcome.
 */
import type { NominationCommand } from './commands.js';
import { create } from './commands/create.js';
import { recordEscalation, recordReminder } from './commands/deadlines.js';
import { approve, overrideQuota, revoke } from './commands/decision.js';
import { downgrade, endorse, reject, returnForRevision } from './commands/review.js';
import { resubmit, submit, withdraw } from './commands/submission.js';
import type { NominationEvent } from './events.js';
import { evolve } from './evolve.js';
import { initialState, type NominationState } from './state.js';

export { evolve, fold } from './evolve.js';

/** Refuses a command the rules do not allow, or returns the events it causes (none for a command only validated). */
export function decide(command: NominationCommand, state: NominationState): NominationEvent[] {
  switch (command.type) {
    case 'create':
      return create(command, state);
    case 'submit':
      return submit(command, state);
    case 'resubmit':
      return resubmit(command, state);
    case 'returnForRevision':
      return returnForRevision(command, state);
    case 'endorse':
      return endorse(command, state);
    case 'downgrade':
      return downgrade(command, state);
    case 'approve':
      return approve(command, state);
    case 'reject':
      return reject(command, state);
    case 'withdraw':
      return withdraw(command, state);
    case 'revoke':
      return revoke(command, state);
    case 'overrideQuota':
      return overrideQuota(command, state);
    case 'recordReminder':
      return recordReminder(command, state);
    case 'recordEscalation':
      return recordEscalation(command, state);
    default: {
      const unknown: never = command;
      throw new Error(`unknown command ${JSON.stringify(unknown)}`);
    }
  }
}

/** Emmett's decider shape: what a command store or a test harness needs to run the nomination's rules. */
export interface Decider<State, Command, Event> {
  decide: (command: Command, state: State) => Event[];
  evolve: (state: State, event: Event) => State;
  initialState: () => State;
}

export const nominationDecider: Decider<NominationState, NominationCommand, NominationEvent> = {
  decide,
  evolve,
  initialState,
};
