import { ApplicationFailure } from '@temporalio/activity';
import type { Kysely } from 'kysely';
import type { PositionedEvent } from '../domain/nomination/events.js';
import { appendEvents, StreamConflictError, type AppendResult } from '../db/event-store.js';
import type { Database } from '../db/schema.js';

export interface ActivityDeps {
  db: Kysely<Database>;
}

/**
 * Activities are built over their dependencies, so the worker passes the real database and tests pass a
 * database of their own. Workflows import only the type of this object.
 */
export function createActivities({ db }: ActivityDeps) {
  return {
    /** Appends a nomination's new events and updates its read models in one transaction. Safe to retry. */
    async recordEvents(events: PositionedEvent[]): Promise<AppendResult> {
      try {
        return await appendEvents(db, events);
      } catch (err) {
        // A conflicting stream will not heal by retrying: fail the activity for good and let the workflow see it.
        if (err instanceof StreamConflictError) {
          throw ApplicationFailure.nonRetryable(err.message, 'StreamConflict');
        }
        throw err;
      }
    },
  };
}

export type Activities = ReturnType<typeof createActivities>;
