/**
 * A rule's refusal on its way out of Temporal: a DomainError becomes a non-retryable ApplicationFailure typed by its code,
 * with its details, whether a workflow's validator, a workflow's handler or an activity refused. The client side turns
 * it back into the DomainError (services/workflow-failures.ts).
 */
import { ApplicationFailure } from '@temporalio/common';
import { DomainError } from '../domain/errors.js';

export function refusal(err: DomainError): ApplicationFailure {
  return ApplicationFailure.create({
    type: err.code,
    message: err.message,
    details: [err.details],
    nonRetryable: true,
  });
}

/** Runs a rule; its refusal leaves as a failure, anything else as it was. */
export function refusing<T>(rule: () => T): T {
  try {
    return rule();
  } catch (err) {
    if (err instanceof DomainError) throw refusal(err);
    throw err;
  }
}
