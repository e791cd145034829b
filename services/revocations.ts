/**
 * Revoking one award, as the nomination's "revoke" action asks: by a revocation decision of its own (quyết định thu
 * hồi), numbered in the unit's series and signed by the decider who asks, with the comment as its reason. The rules
 * the action always had are asked first (the award stands, this unit decided it, a decider signs), so the refusals are
 * the same as before; then the one-award decision is prepared and issued (services/decisions.ts), and the award's
 * history records the decision that revoked it.
 */
import { loadNomination } from '../db/event-store.js';
import { DomainError } from '../domain/errors.js';
import { mayRevoke } from '../domain/nomination/commands/decision.js';
import { requireComment } from '../domain/nomination/commands/guards.js';
import { actorOf, type Viewer } from '../domain/viewer.js';
import { decisionYear } from '../domain/decision-number.js';
import { issueDecision, prepareDecision } from './decisions.js';
import type { ServiceDeps } from './deps.js';
import { uuidFrom } from './ids.js';

const UNIQUE_VIOLATION = '23505';

/** Revokes an award by a one-award revocation decision; answers the decision's id. */
export async function revokeByDecision(
  deps: ServiceDeps,
  viewer: Viewer,
  nominationId: string,
  reason: string | null,
  requestId?: string,
): Promise<string> {
  const id = requestId !== undefined ? uuidFrom(requestId) : undefined;
  const existing = requestId === undefined ? undefined : await revocationOfRequest(deps, requestId);
  // The repeat of a request whose answer was lost: its decision exists (issued, or to be issued now).
  if (id !== undefined && existing !== undefined) {
    if (existing === 'draft') await issueDecision(deps, viewer, id);
    return id;
  }
  const { state } = await loadNomination(deps.db, nominationId);
  const actor = actorOf(viewer);
  mayRevoke(state, actor);
  const because = requireComment(reason, 'revoke an award');
  const now = new Date().toISOString();
  let decision: { id: string };
  try {
    decision = await prepareDecision(deps, viewer, {
      ...(id !== undefined ? { id } : {}),
      kind: 'revocation',
      year: decisionYear(now),
      title: `Về việc thu hồi ${state.form.name} đã tặng ${state.nominee.name}`,
      reason: because,
      signer: { name: viewer.displayName },
      nominationIds: [nominationId],
    });
  } catch (err) {
    // The same request twice at once: the other one made the record with this id; issuing it is its work too.
    if (id === undefined || (err as { code?: string }).code !== UNIQUE_VIOLATION) throw err;
    await issueDecision(deps, viewer, id);
    return id;
  }
  try {
    await issueDecision(deps, viewer, decision.id);
  } catch (err) {
    // Refused (revoked meanwhile by another decision): the one-award draft made for it goes, nothing is left half-done.
    if (err instanceof DomainError)
      await deps.db
        .deleteFrom('decision_records')
        .where('id', '=', decision.id)
        .where('status', '=', 'draft')
        .execute();
    throw err;
  }
  return decision.id;
}

/** The status of the revocation decision a request with this id made, if it made one. */
export async function revocationOfRequest(
  deps: ServiceDeps,
  requestId: string,
): Promise<'draft' | 'issued' | undefined> {
  const record = await deps.db
    .selectFrom('decision_records')
    .select('status')
    .where('id', '=', uuidFrom(requestId))
    .executeTakeFirst();
  return record?.status;
}
