/**
 * Telling a decision's nominations of their stored approvals, from the issuing activity once its transaction has
 * committed: a signal to each nomination's workflow, 16 at a time. Sent by the workflow instead, each signal waited for
 * a workflow task of its own, and a decision of 500 awards spent 12–30 s there after a transaction of 3 s.
 *
 * A retried activity tells them again (the transaction finds the decision issued and answers its approvals); a
 * nomination's workflow folds an approval once and skips one it already has. A signal that cannot be sent is left to
 * the decision's workflow, whose own signals Temporal delivers even if a worker dies.
 */
import { heartbeat } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import { WorkflowNotFoundError } from '@temporalio/common';
import type { IssuedDecision } from './decision-issuing.js';
import { inLanes } from '../infra/lanes.js';
import { decisionRecordedSignal } from '../workflows/decision.js';

type Approval = IssuedDecision['approvals'][number];

const AT_ONCE = 16;

/** Signals each approval's nomination; answers the ones that could not be told (for the workflow to tell). */
export async function tellNominations(client: Client, approvals: Approval[]): Promise<Approval[]> {
  const untold: Approval[] = [];
  await inLanes(approvals, AT_ONCE, async (a) => {
    try {
      await client.workflow.getHandle(a.nominationId).signal(decisionRecordedSignal, a.events);
    } catch (err) {
      // A nomination whose workflow has ended has nothing to fold; any other failure is the workflow's to retry.
      if (!(err instanceof WorkflowNotFoundError)) untold.push(a);
    }
    heartbeat();
  });
  return untold;
}
