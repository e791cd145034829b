/**
 * How activities retry. Every policy has a bound: an activity that keeps failing ends, its workflow hears of it, and
 * the worker's log has said so at error level long before (workers/activity-alerts.ts). Errors that a retry cannot fix
 * (a value the database refuses, a rule's refusal) are non-retryable where they are raised and fail at once.
 */
import type { ActivityOptions, LocalActivityOptions } from '@temporalio/workflow';

/** Failure types raised by activities that no retry can fix. */
export const NON_RETRYABLE_TYPES = ['InvalidData'];

/**
 * How soon an activity on a worker that died is given up and retried elsewhere. The worker beats for every running
 * activity (workers/activity-heartbeats.ts), so only a dead or frozen worker misses this; without it an activity caught
 * on a killed worker waited out its whole start-to-close timeout, a minute for a notice.
 */
const LIVENESS = '10 seconds';

/**
 * What an officer's action runs (recording it, review, quota, approval). These retry through an outage of any length a
 * deployment can live through, up to a week, with an error in the worker's log from the fifth attempt on: giving up
 * earlier would be worse than waiting. A write whose commit succeeded but whose answer was lost would leave its event
 * stored and the workflow unaware, and every later action on the nomination would conflict with it; an update that
 * failed would be remembered by Temporal under its id, so the officer's retry with the same Idempotency-Key would get
 * the same failure forever. The officer does not wait meanwhile: the API answers 503 after a few seconds, and the
 * action is applied once the database is back, or found by the retry with the same key.
 */
export const interactive: ActivityOptions = {
  startToCloseTimeout: '30 seconds',
  heartbeatTimeout: LIVENESS,
  scheduleToCloseTimeout: '7 days',
  retry: {
    initialInterval: '1 second',
    maximumInterval: '30 seconds',
    nonRetryableErrorTypes: NON_RETRYABLE_TYPES,
  },
};

/**
 * The same actions as local activities: run by the worker that holds the workflow task, recorded as one marker instead
 * of an activity's three events and a workflow task of its own. Each is one short idempotent transaction, so a worker
 * that dies mid-way costs a workflow task timeout, after which another worker runs it again and finds what committed.
 * Retries within a workflow task up to the threshold, then between tasks, under the same week-long bound.
 */
export const interactiveLocal: LocalActivityOptions = {
  startToCloseTimeout: '30 seconds',
  scheduleToCloseTimeout: '7 days',
  localRetryThreshold: '1 minute',
  retry: {
    initialInterval: '1 second',
    maximumInterval: '30 seconds',
    nonRetryableErrorTypes: NON_RETRYABLE_TYPES,
  },
};

/** Notifications: the inbox and e-mail can wait longer, and a lost one is logged, never retried forever. */
export const notification: ActivityOptions = {
  startToCloseTimeout: '1 minute',
  heartbeatTimeout: LIVENESS,
  retry: {
    initialInterval: '5 seconds',
    maximumInterval: '10 minutes',
    maximumAttempts: 20,
    nonRetryableErrorTypes: NON_RETRYABLE_TYPES,
  },
};

/**
 * A workflow's own housekeeping that nobody waits on (opening and closing a reporting period, a movement's reminders and
 * records): it must outlast an outage of days over a holiday, so its bound is a week of retries, as for actions.
 */
export const housekeeping: ActivityOptions = {
  startToCloseTimeout: '2 minutes',
  heartbeatTimeout: LIVENESS,
  scheduleToCloseTimeout: '7 days',
  retry: {
    initialInterval: '5 seconds',
    maximumInterval: '10 minutes',
    nonRetryableErrorTypes: NON_RETRYABLE_TYPES,
  },
};
