/**
 * The decider's refusals, as HTTP: a stable problem type per code, and the status a client can act on. Refusals come
 * straight from the decider (checked before starting a workflow) or back from a workflow update as an
 * ApplicationFailure carrying the same code.
 */
import { ActivityFailure, ApplicationFailure } from '@temporalio/common';
import { WorkflowUpdateFailedError, WorkflowFailedError } from '@temporalio/client';
import { DomainError, type DomainErrorCode } from '../domain/errors.js';
import { ProblemError } from './problem.js';

/**
 * Each refusal's HTTP status, and its problem type where it is not the code in kebab case (`WrongStage` →
 * `wrong-stage`). Services throw DomainErrors; this table is the one place they become HTTP.
 */
const statuses: Record<
  DomainErrorCode | 'StaleVersion' | 'StreamConflict' | 'InvalidData',
  number | { status: number; slug: string }
> = {
  UnknownUnit: 422,
  NoRoute: 422,
  AlreadyExists: 409,
  NotFound: 404,
  WrongUnit: 403,
  WrongRole: 403,
  WrongStage: 409,
  CommentRequired: 422,
  FormNotDecidedHere: 409,
  InvalidDossier: 422,
  InvalidReview: 422,
  InvalidImport: 422,
  ReviewFailed: 422,
  QuotaBlocked: 409,
  QuotaOverrideRequired: 409,
  NoQuotaWarning: 409,
  AdminOnly: { status: 403, slug: 'admin-only' },
  MailNotUnresolved: { status: 409, slug: 'mail-not-unresolved' },
  StaleVersion: 412,
  StreamConflict: 409,
  InvalidData: 422,
};

const slug = (code: string): string =>
  code.replace(/[A-Z]/g, (c, i: number) => (i === 0 ? c.toLowerCase() : `-${c.toLowerCase()}`));

export function problemFromCode(code: string, message: string, details: unknown): ProblemError | undefined {
  const entry = (statuses as Record<string, number | { status: number; slug: string } | undefined>)[code];
  if (entry === undefined) return undefined;
  const { status, slug: type } = typeof entry === 'number' ? { status: entry, slug: slug(code) } : entry;
  const problem = new ProblemError(status, type, code, message);
  problem.extensions =
    details !== null && typeof details === 'object'
      ? { code, ...(details as Record<string, unknown>) }
      : { code };
  return problem;
}

/** A domain refusal, wherever it came from, as a problem; anything else is returned as it was. */
export function asProblem(err: unknown): unknown {
  if (err instanceof DomainError) return problemFromCode(err.code, err.message, err.details) ?? err;
  if (err instanceof WorkflowUpdateFailedError || err instanceof WorkflowFailedError) {
    const cause = err.cause;
    if (cause instanceof ApplicationFailure && cause.type !== undefined && cause.type !== null) {
      return problemFromCode(cause.type, cause.message, cause.details?.[0]) ?? err;
    }
    if (cause instanceof ActivityFailure) {
      // An activity that kept failing until its retries ran out: a part the action needs is down.
      return new ProblemError(
        503,
        'dependency-unavailable',
        'Service unavailable',
        'The action could not be completed because a part of the system kept failing. Reload the nomination to see its state before acting again.',
      );
    }
  }
  return err;
}
