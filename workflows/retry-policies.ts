/**
 * How activities retry. Every policy has a bound: an activity that keeps failing ends, its workflow hears of it, and
 * the worker's log has said so at error level long before (workers/activity-alerts.ts). Errors that a retry cannot fix
 * (a value the database refuses, a rule's refusal) are non-retryable where they are raised and fail at once.
 */
import type { ActivityOptions } from '@temporalio/workflow';

/** Failure types raised by activities that no retry can fix. */
export const NON_RETRYABLE_TYPES = ['InvalidData'];

/**
 * What an officer waits for (recording an action, review, quota, approval): about eight minutes of retries ride over a
 * database restart; after that the action fails and the nomination stays as it was.
 */
export const interactive: ActivityOptions = {
  startToCloseTimeout: '30 seconds',
  retry: {
    initialInterval: '1 second',
    maximumInterval: '30 seconds',
    maximumAttempts: 20,
    nonRetryableErrorTypes: NON_RETRYABLE_TYPES,
  },
};

/** Notifications: the inbox and e-mail can wait longer, and a lost one is logged, never retried forever. */
export const notification: ActivityOptions = {
  startToCloseTimeout: '1 minute',
  retry: {
    initialInterval: '5 seconds',
    maximumInterval: '10 minutes',
    maximumAttempts: 20,
    nonRetryableErrorTypes: NON_RETRYABLE_TYPES,
  },
};

/**
 * A workflow's own housekeeping that nobody waits on (opening and closing a reporting period, a movement's reminders and
 * records): it must outlast an outage of days over a holiday, so its bound is three days of retries.
 */
export const housekeeping: ActivityOptions = {
  startToCloseTimeout: '2 minutes',
  scheduleToCloseTimeout: '3 days',
  retry: {
    initialInterval: '5 seconds',
    maximumInterval: '10 minutes',
    nonRetryableErrorTypes: NON_RETRYABLE_TYPES,
  },
};
