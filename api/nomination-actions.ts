/**
 * Acting on a nomination for a logged-in officer: visibility first (a nomination outside the officer's subtree does
 * not exist for them), then the workflow update, whose validator runs the decider with the officer as the actor.
 */
import { WorkflowNotFoundError } from '@temporalio/common';
import type { Kysely } from 'kysely';
import type { NominationAction } from '../domain/nomination/commands.js';
import { fold } from '../domain/nomination/decider.js';
import type { Actor, NominationEvent } from '../domain/nomination/events.js';
import { permittedActions } from '../domain/nomination/permissions.js';
import { isClosedStatus } from '../domain/nomination/state.js';
import { isTemporalUnavailable } from '../infra/dependency-errors.js';
import type { Dossier } from '../domain/nomination/dossier.js';
import type { Database } from '../db/schema.js';
import { loadAwardForm } from '../services/nominations.js';
import { actionUpdates, type ActionRequest } from '../workflows/nomination.js';
import type { AppDeps } from './app.js';
import type { Officer } from './auth.js';
import { subtreeOf } from './auth.js';
import { asProblem } from './domain-problems.js';
import { loadDetail, type NominationDetail } from './nomination-view.js';
import { notFound, ProblemError } from './problem.js';

/** The actions as they appear in URLs, and the decider's names for them. */
export const actionPaths = {
  submit: 'submit',
  return: 'returnForRevision',
  resubmit: 'resubmit',
  endorse: 'endorse',
  downgrade: 'downgrade',
  approve: 'approve',
  reject: 'reject',
  withdraw: 'withdraw',
  revoke: 'revoke',
  'override-quota': 'overrideQuota',
} as const satisfies Record<string, NominationAction>;
export type ActionPath = keyof typeof actionPaths;

/** The URL path of each of the decider's actions. */
const pathOf = Object.fromEntries(
  Object.entries(actionPaths).map(([path, action]) => [action, path]),
) as Record<NominationAction, ActionPath>;

/** What the officer may do now, as the rules see it (so the page never offers what they refuse). */
export function allowedActionsFor(
  officer: Officer,
  detail: NominationDetail,
): { action: ActionPath; needsComment: boolean }[] {
  const state = fold(
    detail.events.map(
      (e) =>
        ({
          type: e.type,
          occurredAt: e.occurredAt,
          actor: e.actor,
          comment: e.comment,
          data: e.data,
        }) as NominationEvent,
    ),
    detail.id,
  );
  const actor: Actor = { id: officer.username, role: officer.role, unitId: officer.unitId };
  return permittedActions(state, actor).map(({ action, needsComment }) => ({
    action: pathOf[action],
    needsComment,
  }));
}

export interface ActionBody {
  comment?: string | null;
  dossier?: Dossier;
  toFormCode?: string;
}

/** Nominations an officer may see: those submitted by their unit or a unit below it. */
export async function isVisible(
  db: Kysely<Database>,
  officer: Officer,
  nominationId: string,
): Promise<boolean> {
  return (await visibleStatus(db, officer, nominationId)) !== undefined;
}

/** The nomination's status as the read model has it, if the officer may see the nomination. */
async function visibleStatus(
  db: Kysely<Database>,
  officer: Officer,
  nominationId: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('nominations')
    .select(['submitting_unit_id', 'status'])
    .where('id', '=', nominationId)
    .executeTakeFirst();
  if (row === undefined) return undefined;
  return (await subtreeOf(db, officer.unitId)).has(row.submitting_unit_id) ? row.status : undefined;
}

/** An ended nomination takes no action: its workflow is gone, and the officer is told in what state it ended. */
function closedProblem(nominationId: string, status: string): ProblemError {
  const problem = new ProblemError(
    409,
    'nomination-closed',
    'Nomination closed',
    `Nomination ${nominationId} is ${status}: no further action can be taken on it.`,
  );
  problem.extensions = { nominationStatus: status };
  return problem;
}

/** Temporal's answer to an update sent to a workflow that has ended. */
function isEndedWorkflow(err: unknown): boolean {
  if (err instanceof WorkflowNotFoundError) return true;
  const message =
    err instanceof Error ? `${err.message} ${String((err.cause as Error | undefined)?.message)}` : '';
  return /workflow execution already completed/i.test(message);
}

/** Parses If-Match: `"7"`, `W/"7"` or `7`. */
export function expectedVersionFrom(ifMatch: string | undefined): number | undefined {
  if (ifMatch === undefined) return undefined;
  const match = /^(?:W\/)?"?(\d+)"?$/.exec(ifMatch.trim());
  if (match?.[1] === undefined) {
    throw new ProblemError(
      400,
      'invalid-if-match',
      'Invalid If-Match',
      'If-Match carries the nomination version, e.g. "7", as in its ETag.',
    );
  }
  return Number(match[1]);
}

export async function performAction(
  deps: AppDeps,
  officer: Officer,
  nominationId: string,
  path: ActionPath,
  body: ActionBody,
  options: { expectedVersion?: number; updateId?: string } = {},
): Promise<NominationDetail> {
  const status = await visibleStatus(deps.db, officer, nominationId);
  if (status === undefined) throw notFound(`Nomination ${nominationId}`);
  if (isClosedStatus(status)) {
    // The repeat of a request whose answer was lost: the nomination ended by that very action (a withdrawal, a
    // rejection, a revocation), which is its answer, not a refusal.
    if (options.updateId !== undefined && (await appliedUpdate(deps, nominationId, options.updateId)))
      return loadExisting(deps, nominationId);
    throw closedProblem(nominationId, status);
  }
  const action = actionPaths[path];
  const request: ActionRequest = {
    actor: { id: officer.username, role: officer.role, unitId: officer.unitId },
    comment: body.comment ?? null,
    ...(body.dossier !== undefined ? { dossier: body.dossier } : {}),
    ...(options.expectedVersion !== undefined ? { expectedVersion: options.expectedVersion } : {}),
  };
  if (action === 'downgrade') {
    if (body.toFormCode === undefined) {
      throw new ProblemError(
        422,
        'invalid-request',
        'Missing form',
        'A downgrade names the form to downgrade to (toFormCode).',
        [{ pointer: '/body/toFormCode', detail: 'required for a downgrade' }],
      );
    }
    try {
      request.toForm = await loadAwardForm(deps.db, body.toFormCode);
    } catch (err) {
      throw asProblem(err);
    }
  }
  try {
    await deps.temporal.workflow.getHandle(nominationId).executeUpdate(actionUpdates[action], {
      args: [request],
      ...(options.updateId !== undefined ? { updateId: options.updateId } : {}),
    });
  } catch (err) {
    if (isEndedWorkflow(err)) {
      // Ended between our read and the update (a withdrawal a moment ago): say how it ended.
      const now = await visibleStatus(deps.db, officer, nominationId);
      throw closedProblem(nominationId, now ?? 'closed');
    }
    throw asProblem(err);
  }
  return loadExisting(deps, nominationId);
}

async function loadExisting(deps: AppDeps, nominationId: string): Promise<NominationDetail> {
  const detail = await loadDetail(deps.db, nominationId);
  if (detail === undefined) throw notFound(`Nomination ${nominationId}`);
  return detail;
}

/** Whether the workflow took the update with this id and completed it (its outcome is kept in the history). */
async function appliedUpdate(deps: AppDeps, nominationId: string, updateId: string): Promise<boolean> {
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
