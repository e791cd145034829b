/**
 * An officer acting on a nomination: visibility first (a nomination outside the officer's subtree does not exist for
 * them), then the workflow update, whose validator runs the decider with the officer as the actor. The answer is the
 * nomination as the action left it: the state the workflow returns, with its stored timeline.
 */
import { WorkflowNotFoundError } from '@temporalio/common';
import { loadNomination, readStream } from '../db/event-store.js';
import { DomainError } from '../domain/errors.js';
import type { NominationAction } from '../domain/nomination/commands.js';
import type { Dossier } from '../domain/nomination/dossier.js';
import { isClosedStatus, type ExistingNomination } from '../domain/nomination/state.js';
import type { Viewer } from '../domain/viewer.js';
import { isTemporalUnavailable } from '../infra/dependency-errors.js';
import { actionUpdates, type ActionRequest } from '../workflows/nomination.js';
import type { ServiceDeps } from './deps.js';
import { uuidFrom } from './ids.js';
import { actorOf, detailOf, visibleStatus, type NominationDetail } from './nomination-view.js';
import { createNomination, loadAwardForm, type NewNomination } from './nominations.js';
import { revocationOfRequest, revokeByDecision } from './revocations.js';
import { refusalFrom } from './workflow-failures.js';

export interface ActionInput {
  nominationId: string;
  action: NominationAction;
  comment?: string | null;
  /** resubmit: the revised dossier. */
  dossier?: Dossier;
  /** downgrade: the form to downgrade to. */
  toFormCode?: string;
  /** The version the officer saw (If-Match); a stale one is refused. */
  expectedVersion?: number;
  /** The request's own id (from its idempotency key): a repeat is the same update, applied once. */
  requestId?: string;
}

export async function performAction(
  deps: ServiceDeps,
  viewer: Viewer,
  input: ActionInput,
): Promise<NominationDetail> {
  const { nominationId, action } = input;
  const status = await visibleStatus(deps, viewer, nominationId);
  if (status === undefined) throw notFound(nominationId);
  if (isClosedStatus(status)) {
    // The repeat of a request whose answer was lost: the nomination ended by that very action (a withdrawal, a
    // rejection, a revocation), which is its answer, not a refusal.
    if (input.requestId !== undefined && (await appliedUpdate(deps, nominationId, input.requestId)))
      return currentDetail(deps, nominationId);
    if (
      action === 'revoke' &&
      input.requestId !== undefined &&
      (await revocationOfRequest(deps, input.requestId)) === 'issued'
    )
      return currentDetail(deps, nominationId);
    throw closed(nominationId, status);
  }
  // A revocation is a decision of its own (quyết định thu hồi), numbered and printed, not an update of the workflow.
  if (action === 'revoke') {
    await revokeByDecision(deps, viewer, nominationId, input.comment ?? null, input.requestId);
    return currentDetail(deps, nominationId);
  }
  const request: ActionRequest = {
    actor: actorOf(viewer),
    comment: input.comment ?? null,
    ...(input.dossier !== undefined ? { dossier: input.dossier } : {}),
    ...(input.expectedVersion !== undefined ? { expectedVersion: input.expectedVersion } : {}),
  };
  if (action === 'downgrade') {
    if (input.toFormCode === undefined) {
      throw new DomainError('InvalidRequest', 'A downgrade names the form to downgrade to (toFormCode).', {
        errors: [{ pointer: '/body/toFormCode', detail: 'required for a downgrade' }],
      });
    }
    request.toForm = await loadAwardForm(deps.db, input.toFormCode);
  }
  let state: ExistingNomination;
  try {
    state = await deps.temporal.workflow.getHandle(nominationId).executeUpdate(actionUpdates[action], {
      args: [request],
      ...(input.requestId !== undefined ? { updateId: input.requestId } : {}),
    });
  } catch (err) {
    if (isEndedWorkflow(err)) {
      // Ended between our read and the update (a withdrawal a moment ago): say how it ended.
      const now = await visibleStatus(deps, viewer, nominationId);
      throw closed(nominationId, now ?? 'closed');
    }
    throw refusalFrom(err);
  }
  return answerWith(deps, state);
}

/**
 * Creates a nomination for the viewer's unit. With a request id (from an idempotency key) the nomination's id follows
 * from it: a retried create finds the same nomination, even when the first attempt started it and died before answering.
 */
export async function nominate(
  deps: ServiceDeps,
  viewer: Viewer,
  input: Omit<NewNomination, 'actor' | 'nominationId'>,
  requestId?: string,
): Promise<NominationDetail> {
  try {
    const created = await createNomination(deps, {
      actor: actorOf(viewer),
      ...input,
      ...(requestId !== undefined ? { nominationId: `nom-${uuidFrom(requestId)}` } : {}),
    });
    return await answerWith(deps, created);
  } catch (err) {
    throw refusalFrom(err);
  }
}

/** The nomination as the workflow answered it, with its timeline up to that version (no second fold). */
async function answerWith(deps: ServiceDeps, state: ExistingNomination): Promise<NominationDetail> {
  const events = await readStream(deps.db, state.id);
  return detailOf(
    state,
    events.filter((e) => e.position <= state.version),
  );
}

async function currentDetail(deps: ServiceDeps, nominationId: string): Promise<NominationDetail> {
  const { state, events } = await loadNomination(deps.db, nominationId);
  if (state.status === 'none') throw notFound(nominationId);
  return detailOf(state, events);
}

const notFound = (nominationId: string): DomainError =>
  new DomainError('NotFound', `Nomination ${nominationId} does not exist or is not visible to you`);

/** An ended nomination takes no action: its workflow is gone, and the officer is told in what state it ended. */
const closed = (nominationId: string, status: string): DomainError =>
  new DomainError(
    'NominationClosed',
    `Nomination ${nominationId} is ${status}: no further action can be taken on it.`,
    { nominationStatus: status },
  );

/** Temporal's answer to an update sent to a workflow that has ended. */
function isEndedWorkflow(err: unknown): boolean {
  if (err instanceof WorkflowNotFoundError) return true;
  const message =
    err instanceof Error ? `${err.message} ${String((err.cause as Error | undefined)?.message)}` : '';
  return /workflow execution already completed/i.test(message);
}

/** Whether the workflow took the update with this id and completed it (its outcome is kept in the history). */
async function appliedUpdate(deps: ServiceDeps, nominationId: string, updateId: string): Promise<boolean> {
  try {
    await deps.temporal.workflow.getHandle(nominationId).getUpdateHandle(updateId).result();
    return true;
  } catch (err) {
    // Temporal away: not knowing is not an answer (a 503, the key stays free for the retry).
    if (isTemporalUnavailable(err)) throw err;
    // Never taken, or refused: either way, no action of this request ended the nomination.
    return false;
  }
}
