/**
 * One workflow per decision being issued (id `decision-<record id>`, so a repeated request finds the same run). Its
 * activity issues the whole annex in one transaction (activities/decision-issuing.ts): every approval, or none. Then each
 * nomination's workflow is told of its stored approval by a signal: from the activity, retried with it, and for any it
 * could not tell, from this workflow, whose signals Temporal delivers even if a worker dies in between. No
 * nomination's workflow is left believing it still waits.
 */
import {
  ActivityFailure,
  ApplicationFailure,
  defineSignal,
  getExternalWorkflowHandle,
  patched,
  proxyActivities,
} from '@temporalio/workflow';
import type { Activities } from '../activities/index.js';
import type { IssuedDecision } from '../activities/decision-issuing.js';
import type { Actor, PositionedEvent } from '../domain/nomination/events.js';
import { interactive } from './retry-policies.js';

const { issueDecision, issueAndTellDecision } = proxyActivities<Activities>(interactive);

/** To a nomination's workflow: the approval the decision stored for it, to fold in. */
export const decisionRecordedSignal = defineSignal<[PositionedEvent[]]>('decisionRecorded');

export interface DecisionIssueInput {
  decisionId: string;
  issuer: Actor;
  /** The decision's date and time, as the officer asked for it (the service's clock, once). */
  at: string;
}

export const decisionWorkflowId = (decisionId: string): string => `decision-${decisionId}`;

export async function decisionWorkflow(input: DecisionIssueInput): Promise<IssuedDecision> {
  // Since 'decision-told-by-its-activity', the issuing activity tells the nominations itself, 16 signals at a time, and
  // answers only those it could not tell: this workflow's signals, each waited for in a workflow task of its own, held
  // a decision of 500 awards for 12–30 s, and its answer carried every approval's event (600 kB for 500).
  const told = patched('decision-told-by-its-activity');
  let issued: IssuedDecision;
  try {
    issued = told ? await issueAndTellDecision(input) : await issueDecision(input);
  } catch (err) {
    // A refusal (a nomination that cannot be approved, an empty annex) ends the run as that refusal.
    if (err instanceof ActivityFailure && err.cause instanceof ApplicationFailure && err.cause.nonRetryable)
      throw err.cause;
    throw err;
  }
  const tell = (approval: IssuedDecision['approvals'][number]) =>
    getExternalWorkflowHandle(approval.nominationId).signal(decisionRecordedSignal, approval.events);
  if (told) await Promise.all(issued.approvals.map(tell));
  else for (const approval of issued.approvals) await tell(approval);
  return issued;
}
