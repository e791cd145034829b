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
  | 'AdminOnly'
  | 'MailNotUnresolved';

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
