/**
 * A rule said no. Each code is stable (clients and the web page branch on it, the API maps it to an HTTP status
 * and a problem type); the message says what to do about it; details carry the figures.
 */
export type DomainErrorCode =
  | 'UnknownUnit'
  | 'NoRoute'
  | 'AlreadyExists'
  | 'NotFound'
  | 'WrongUnit'
  | 'WrongRole'
  | 'WrongStage'
  | 'CommentRequired'
  | 'FormNotDecidedHere'
  | 'InvalidDossier'
  | 'InvalidReview'
  | 'InvalidImport'
  | 'ReviewFailed'
  | 'QuotaBlocked'
  | 'QuotaOverrideRequired'
  | 'NoQuotaWarning'
  // Movements (phong trào) and trainings: a plan that does not hold together, nominations asked of a final review not
  // yet recorded, rows of a batch refused, ids that name nothing the officer may use, a role that only reads.
  | 'InvalidMovement'
  | 'FinalReviewNotRecorded'
  | 'RowsRefused'
  | 'InvalidReference'
  | 'ReadOnly'
  // Periodic reports: a version that moved on, a period closed, corrections that do not add up, nothing below to sum.
  | 'StaleVersion'
  | 'ReportClosed'
  | 'InconsistentCorrections'
  | 'NothingToConsolidate'
  /** Another writer stored a different event at that place of the stream. */
  | 'StreamConflict'
  /** A value the database refuses: retrying cannot help. */
  | 'InvalidData'
  /** A part the action needs kept failing until its retries ran out. */
  | 'DependencyUnavailable'
  /** The nomination has ended (withdrawn, rejected, revoked): no action can be taken on it any more. */
  | 'NominationClosed'
  /** The request lacks what the action needs (a downgrade without its form). */
  | 'InvalidRequest'
  /** A list's cursor that the API did not give out. */
  | 'InvalidCursor'
  /** Only an administrator operates the installation (the mail outbox). */
  | 'AdminOnly'
  /** The mail is not in the unknown state an operator resolves. */
  | 'MailNotUnresolved'
  /** The decision is issued (numbered, signed): its text and annex no longer change. */
  | 'DecisionIssued'
  /** Issuing refused: a nomination of the annex cannot be approved, so none was (details.refusals says each). */
  | 'DecisionRefused'
  /** A decision with nothing in its annex cannot be issued. */
  | 'EmptyDecision'
  /** The paper asked for exists only once the decision is issued (certificates), or not for this kind of decision. */
  | 'DecisionNotIssued'
  /** A decision's signed scan is attached once; its hash is part of the record and it is not replaced. */
  | 'SignedScanAttached'
  /** An Idempotency-Key of no characters or too many. */
  | 'InvalidIdempotencyKey'
  /** The key was used before for a different request. */
  | 'IdempotencyKeyReused';

/**
 * What a refusal says of the fields of the command, when it names them: `details.problems`, each a field's path in the
 * command (`results/0/scores`) and what is wrong with it. The API shows them as pointers into the request.
 */
export interface FieldProblem {
  field: string;
  problem: string;
}

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
