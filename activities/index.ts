import { Context } from '@temporalio/activity';
import type { Kysely } from 'kysely';
import { DomainError } from '../domain/errors.js';
import type { PositionedEvent } from '../domain/nomination/events.js';
import type { ExistingNomination } from '../domain/nomination/state.js';
import type { QuotaOutcome } from '../domain/quota.js';
import type { ReviewResult } from '../domain/review.js';
import { appendEvents, StreamConflictError } from '../db/event-store.js';
import { writeNotices, type NotifyRequest } from '../db/notices.js';
import { isDataError } from '../infra/dependency-errors.js';
import type { Database } from '../db/schema.js';
import { refusal } from '../workflows/refusals.js';
import { approveInTransaction, type ApproveInput } from './approval.js';
import { issueInTransaction, type IssuedDecision, type IssueInput } from './decision-issuing.js';
import { tellNominations } from './decision-telling.js';
import { createMailSender, silentLog, type Mailer, type OutboxLog } from './mail-outbox.js';
import { checkQuotasIn } from '../services/quotas.js';
import { runReview, type ReviewRequest } from './review.js';
import { appendDecided } from './stream-writes.js';
import { submitInTransaction, type SubmitInput } from './submission.js';

export type ActivityName =
  | 'recordEvents'
  | 'appendNominationEvents'
  | 'submitNomination'
  | 'approveNomination'
  | 'issueDecision'
  | 'notifyNomination';

export interface ActivityDeps {
  db: Kysely<Database>;
  /** SMTP; null sends no e-mail (the in-app inbox still fills). */
  mailer?: Mailer | null;
  /** Where the mail sender says what an operator must see (a mail failed for good, a pass that failed). */
  log?: OutboxLog;
  /**
   * Fault injection for tests of retries: called right after an activity's work has committed, with the attempt
   * number. Throwing from it makes the activity fail as if the process had died at that moment.
   */
  afterCommit?: (activity: ActivityName, attempt: number) => void;
}

/**
 * A value the database refuses fails at once, typed `InvalidData`: retrying it would fail the same way forever (a
 * poison pill). Anything else is returned as it was, for Temporal to retry within the activity's bound.
 */
export function asDataFailure(err: unknown): unknown {
  if (!isDataError(err)) return err;
  const message = err instanceof Error ? err.message : String(err);
  return refusal(new DomainError('InvalidData', `A value cannot be stored: ${message}`));
}

/** A domain refusal leaves an activity as a non-retryable failure whose type is the error's code. */
function asFailure(err: unknown): unknown {
  if (err instanceof DomainError) return refusal(err);
  if (err instanceof StreamConflictError) return refusal(new DomainError('StreamConflict', err.message));
  return asDataFailure(err);
}

/**
 * Activities are built over their dependencies, so the worker passes the real database and SMTP server, and tests
 * pass a database and an SMTP server of their own. Workflows import only the type of this object.
 */
export function createActivities({
  db,
  mailer = null,
  log: outboxLog = silentLog,
  afterCommit = () => undefined,
}: ActivityDeps) {
  const attempt = (): number => Context.current().info.attempt;
  // Appends write their notices in their own transaction; the sender is nudged once they have committed.
  const appendOptions = { email: mailer !== null };
  const sender = mailer === null ? null : createMailSender(db, mailer, outboxLog);
  /**
   * A write in its own transaction: a refusal leaves as a failure typed by its code; once it has committed, the mail
   * sender is nudged for the notices it wrote, then the tests' fault injection may play the process dying there.
   */
  const committing = async <T>(activity: ActivityName, write: () => Promise<T>): Promise<T> => {
    let result: T;
    try {
      result = await write();
    } catch (err) {
      throw asFailure(err);
    }
    sender?.nudge();
    afterCommit(activity, attempt());
    return result;
  };
  return {
    /**
     * Appends a nomination's new events, their notices and its read models in one transaction, and answers the events
     * as stored: a retry finds its first attempt's (activities/stream-writes.ts). The workflow's local activity.
     */
    appendNominationEvents: (events: PositionedEvent[]): Promise<PositionedEvent[]> =>
      committing('appendNominationEvents', () => appendDecided(db, events, appendOptions)),

    /**
     * Appends a nomination's new events and updates its read models in one transaction. Safe to retry with the same
     * events. For the histories of nominations that recorded as an ordinary activity.
     */
    recordEvents: (events: PositionedEvent[]): Promise<{ written: number[] }> =>
      committing('recordEvents', async () => ({
        written: (await appendEvents(db, events, appendOptions)).written,
      })),

    /** Review and the submission it allows, in one transaction (activities/submission.ts). Safe to retry. */
    submitNomination: (input: SubmitInput): Promise<PositionedEvent[]> =>
      committing('submitNomination', () => submitInTransaction(db, input, appendOptions)),

    /**
     * Review: dossier, council vote, eligibility. Each failed check is named in the result. For the histories of
     * nominations that reviewed and recorded a submission as two activities.
     */
    async reviewNomination(request: ReviewRequest): Promise<ReviewResult> {
      try {
        return await runReview(db, request);
      } catch (err) {
        throw asFailure(err);
      }
    },

    /** Quota figures, read-only, for a decider about to override a warning. */
    async checkQuota(input: { nominationId: string; state: ExistingNomination }): Promise<QuotaOutcome> {
      return db
        .transaction()
        .execute((trx) => checkQuotasIn(trx, input.nominationId, input.state, { lock: false }));
    },

    /**
     * A whole decision's approvals under one number, in one transaction: all of them or none. For the histories of
     * decisions whose workflow told each nomination itself.
     */
    issueDecision: (input: IssueInput): Promise<IssuedDecision> =>
      committing('issueDecision', () => issueInTransaction(db, input, appendOptions)),

    /**
     * The issuing, then each nomination told of its approval (activities/decision-telling.ts). Answers the decision
     * with only the approvals it could not tell, for the workflow to tell: a short answer however long the annex.
     */
    async issueAndTellDecision(input: IssueInput): Promise<IssuedDecision> {
      const issued = await committing('issueDecision', () => issueInTransaction(db, input, appendOptions));
      return { ...issued, approvals: await tellNominations(Context.current().client, issued.approvals) };
    },

    /** Quota reservation, decision number and the approval event, in one transaction. */
    approveNomination: (input: ApproveInput): Promise<PositionedEvent[]> =>
      committing('approveNomination', () => approveInTransaction(db, input, appendOptions)),

    /**
     * The notices of one event, for the histories of nominations that scheduled an activity per event: the same rows
     * under the same ids as the append writes (left as they are when it did), their e-mails sent by the sender.
     */
    notifyNomination: (request: NotifyRequest): Promise<{ inbox: number }> =>
      committing('notifyNomination', async () => ({
        inbox: (await writeNotices(db, request, appendOptions)).length,
      })),
  };
}

export type Activities = ReturnType<typeof createActivities>;
