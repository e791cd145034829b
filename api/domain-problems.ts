/**
 * The decider's refusals, as HTTP: a stable problem type per code, and the status a client can act on. Refusals come
 * straight from the decider (checked before starting a workflow) or back from a workflow, which the services turn
 * into the DomainError it was.
 */
import { DomainError, type DomainErrorCode, type FieldProblem } from '../domain/errors.js';
import { refusalFrom } from '../services/workflow-failures.js';
import { ProblemError } from './problem.js';

/**
 * Each refusal's HTTP status, and its problem type where it is not the code in kebab case (`WrongStage` →
 * `wrong-stage`). Services throw DomainErrors; this table is the one place they become HTTP.
 */
const statuses: Record<DomainErrorCode, number | { status: number; slug: string }> = {
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
  InvalidMovement: 422,
  FinalReviewNotRecorded: 409,
  RowsRefused: 422,
  InvalidReference: 422,
  ReadOnly: 403,
  ReportClosed: 409,
  InconsistentCorrections: 422,
  NothingToConsolidate: 404,
  AdminOnly: { status: 403, slug: 'admin-only' },
  MailNotUnresolved: { status: 409, slug: 'mail-not-unresolved' },
  InvalidIdempotencyKey: { status: 400, slug: 'invalid-idempotency-key' },
  IdempotencyKeyReused: { status: 422, slug: 'idempotency-key-reused' },
  StaleVersion: 412,
  StreamConflict: 409,
  InvalidData: 422,
  DependencyUnavailable: { status: 503, slug: 'dependency-unavailable' },
  NominationClosed: { status: 409, slug: 'nomination-closed' },
  InvalidRequest: { status: 422, slug: 'invalid-request' },
  InvalidCursor: { status: 400, slug: 'invalid-cursor' },
  DecisionIssued: { status: 409, slug: 'decision-issued' },
  DecisionRefused: { status: 409, slug: 'decision-refused' },
  EmptyDecision: { status: 409, slug: 'empty-decision' },
  DecisionNotIssued: { status: 409, slug: 'decision-not-issued' },
  SignedScanAttached: { status: 409, slug: 'signed-scan-attached' },
};

const slug = (code: string): string =>
  code.replace(/[A-Z]/g, (c, i: number) => (i === 0 ? c.toLowerCase() : `-${c.toLowerCase()}`));

export function problemFromCode(code: string, message: string, details: unknown): ProblemError | undefined {
  const entry = (statuses as Record<string, number | { status: number; slug: string } | undefined>)[code];
  if (entry === undefined) return undefined;
  const { status, slug: type } = typeof entry === 'number' ? { status: entry, slug: slug(code) } : entry;
  const all = details !== null && typeof details === 'object' ? (details as Record<string, unknown>) : {};
  const fields = fieldProblems(all.problems);
  const { problems: _shownAsErrors, ...rest } = all;
  const problem = new ProblemError(
    status,
    type,
    code,
    message,
    fields?.map((p) => ({ pointer: `/body/${p.field}`, detail: p.problem })),
  );
  problem.extensions = { code, ...(fields === undefined ? all : rest) };
  return problem;
}

/** The fields a refusal names (FieldProblem): the command's fields are the request body's, so they point into it. */
function fieldProblems(problems: unknown): FieldProblem[] | undefined {
  const isFieldProblem = (p: unknown): p is FieldProblem =>
    typeof (p as FieldProblem | null)?.field === 'string' && typeof (p as FieldProblem).problem === 'string';
  return Array.isArray(problems) && problems.length > 0 && problems.every(isFieldProblem)
    ? problems
    : undefined;
}

/** A domain refusal, wherever it came from, as a problem; anything else is returned as it was. */
export function asProblem(err: unknown): unknown {
  const refusal = refusalFrom(err);
  if (refusal instanceof DomainError)
    return problemFromCode(refusal.code, refusal.message, refusal.details) ?? err;
  return err;
}
