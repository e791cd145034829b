/**
 * One workflow per decision being issued (id `decision-<record id>`, so a repeated request finds the same run). Its
 * activity issues the whole annex in one transaction (activities/decision-issuing.ts): every approval, or none. Then it
 * tells each nomination's workflow of its stored approval, by a signal, which Temporal delivers even if this worker
 * dies in between: no nomination's workflow is left believing it still waits.
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

const { issueDecision } = proxyActivities<Activities>(interactive);

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
  let issued: IssuedDecision;
  try {
    issued = await issueDecision(input);
  } catch (err) {
    // A refusal (a nomination that cannot be approved, an empty annex) ends the run as that refusal.
    if (err instanceof ActivityFailure && err.cause instanceof ApplicationFailure && err.cause.nonRetryable)
      throw err.cause;
    throw err;
  }
  const tell = (approval: IssuedDecision['approvals'][number]) =>
    getExternalWorkflowHandle(approval.nominationId).signal(decisionRecordedSignal, approval.events);
  if (patched('decision-signals-at-once')) {
    // All the signals in one workflow task: one after another, each waited for its own task, and a decision of 500
    // awards spent 30 s telling its nominations after a transaction of 2 s.
    await Promise.all(issued.approvals.map(tell));
  } else {
    for (const approval of issued.approvals) await tell(approval);
  }
  return issued;
}
