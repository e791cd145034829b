/**
 * A refusal back from Temporal, as the DomainError it was: a workflow's update or run failed with the non-retryable
 * ApplicationFailure a rule's refusal became (workflows/refusals.ts), whose type is the error's code. An activity
 * that kept failing until its retries ran out means a part the action needs is down. Callers above the services
 * (the API's one table of problems) then see DomainErrors only, never Temporal's classes.
 */
import { WorkflowFailedError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ActivityFailure, ApplicationFailure } from '@temporalio/common';
import { DomainError, type DomainErrorCode } from '../domain/errors.js';

/** The DomainError behind a workflow's failure, or the error as it was when it is not a refusal. */
export function refusalFrom(err: unknown): unknown {
  if (!(err instanceof WorkflowUpdateFailedError || err instanceof WorkflowFailedError)) return err;
  const cause = err.cause;
  if (cause instanceof ApplicationFailure && typeof cause.type === 'string') {
    const details: unknown = cause.details?.[0];
    return new DomainError(
      // Failures the workflows make are typed only by codes (refusal()); an unknown type finds no problem type above.
      cause.type as DomainErrorCode,
      cause.message,
      details !== null && typeof details === 'object' ? (details as Record<string, unknown>) : {},
    );
  }
  if (cause instanceof ActivityFailure) {
    return new DomainError(
      'DependencyUnavailable',
      'The action could not be completed because a part of the system kept failing. Reload the nomination to see its state before acting again.',
    );
  }
  return err;
}
