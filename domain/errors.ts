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
  /** The nomination changed since the officer loaded it (If-Match). */
  | 'StaleVersion'
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
  | 'InvalidCursor';

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
