/**
 * Issuing a decision is one PostgreSQL transaction, the approval's (activities/approval.ts) over a whole annex: lock the
 * draft and every stream of its annex, take one number of the issuing unit's year, let the decider judge each approval
 * on the quota figures with the ones before it counted, append the approvals (each naming the decision), and mark the
 * draft issued. If any nomination cannot be approved, nothing is: the transaction rolls back, the number with it, and
 * the refusal lists each nomination and why.
 */
import type { Kysely, Transaction } from 'kysely';
import { decisionYear } from '../domain/decision-number.js';
import { requireRevocationReason } from '../domain/decision.js';
import { DomainError } from '../domain/errors.js';
import { decide } from '../domain/nomination/decider.js';
import type { Actor, PositionedEvent } from '../domain/nomination/events.js';
import {
  appendEventsLocked,
  loadNominationForUpdate,
  rowToEvent,
  type AppendOptions,
} from '../db/event-store.js';
import type { Database } from '../db/schema.js';
import { checkQuotasIn } from '../services/quotas.js';
import { ensureVerificationCodes } from '../services/verification.js';
import { nextDecisionNumber } from './approval.js';

export interface IssueInput {
  decisionId: string;
  /** The decider who signs: the rules judge each approval as theirs. */
  issuer: Actor;
  /** The decision's date and time (the workflow's clock). */
  at: string;
}

export interface IssuedDecision {
  decisionId: string;
  number: string;
  sequence: number;
  issuedAt: string;
  /** Each nomination's stored event (its approval, or its revocation), for its workflow to fold in. */
  approvals: { nominationId: string; events: PositionedEvent[] }[];
}

/** One refused nomination of an annex: which, and the rule's code and words. */
export interface AnnexRefusal {
  nominationId: string;
  code: string;
  message: string;
}

export async function issueInTransaction(
  db: Kysely<Database>,
  input: IssueInput,
  options: AppendOptions,
): Promise<IssuedDecision> {
  const { decisionId, issuer, at } = input;
  return db.transaction().execute(async (trx) => {
    const record = await trx
      .selectFrom('decision_records')
      .selectAll()
      .where('id', '=', decisionId)
      .forUpdate()
      .executeTakeFirst();
    if (record === undefined) throw new DomainError('NotFound', `Decision ${decisionId} does not exist`);
    if (record.status === 'issued') return storedIssue(trx, record.id);
    if (record.issuing_unit_id !== issuer.unitId)
      throw new DomainError('WrongUnit', `Decision ${decisionId} is issued by ${record.issuing_unit_id}`);
    if (record.kind === 'revocation') return revokeInTransaction(trx, record, issuer, at, options);

    // Those who keep a floor up first (direct workers, then the rest who are not leaders), leaders last: the running
    // figures then reach the batch's own only at its end, so a floor is judged on the batch, not on its order. Caps
    // count the same in any order. Within each kind, by id: every issuing locks streams in the same order.
    const annex = await trx
      .selectFrom('decision_annex as a')
      .innerJoin('nominations as n', 'n.id', 'a.nomination_id')
      .select(['n.id', 'n.is_leader', 'n.is_direct_worker'])
      .where('a.decision_id', '=', decisionId)
      .execute();
    if (annex.length === 0)
      throw new DomainError('EmptyDecision', 'The decision lists no nomination: add some before issuing it.');
    const rank = (n: { is_leader: boolean; is_direct_worker: boolean }): number =>
      n.is_direct_worker ? 0 : n.is_leader ? 2 : 1;
    annex.sort((x, y) => rank(x) - rank(y) || x.id.localeCompare(y.id));

    const { number, sequence } = await nextDecisionNumber(trx, record.issuing_unit_id, decisionYear(at));
    const approvals: IssuedDecision['approvals'] = [];
    const refusals: AnnexRefusal[] = [];
    for (const { id } of annex) {
      const loaded = await loadNominationForUpdate(trx, id);
      const { state } = loaded;
      try {
        if (state.status === 'none') throw new DomainError('NotFound', `Nomination ${id} does not exist`);
        const quota = await checkQuotasIn(trx, id, state, { lock: true });
        const events = decide(
          {
            type: 'approve',
            actor: issuer,
            at,
            comment: null,
            quota,
            decision: { number, sequence, id: decisionId },
          },
          state,
        );
        const positioned = events.map((event, i) => ({
          nominationId: id,
          position: loaded.events.length + 1 + i,
          event,
        }));
        await appendEventsLocked(trx, positioned, options, loaded);
        approvals.push({ nominationId: id, events: positioned });
      } catch (err) {
        if (!(err instanceof DomainError)) throw err;
        refusals.push({ nominationId: id, code: err.code, message: err.message });
      }
    }
    if (refusals.length > 0) throw refused(refusals, annex.length, 'approved');
    await markIssued(trx, decisionId, { number, sequence }, issuer, at);
    return { decisionId, number, sequence, issuedAt: at, approvals };
  });
}

/** The record numbered and dated, and the codes its papers will carry, from the moment it exists as issued. */
async function markIssued(
  trx: Transaction<Database>,
  decisionId: string,
  numbered: { number: string; sequence: number },
  issuer: Actor,
  at: string,
): Promise<void> {
  await trx
    .updateTable('decision_records')
    .set((eb) => ({
      status: 'issued',
      sequence: numbered.sequence,
      number: numbered.number,
      issued_at: at,
      issued_by: issuer.id,
      version: eb('version', '+', 1),
      updated_at: new Date(),
    }))
    .where('id', '=', decisionId)
    .execute();
  await ensureVerificationCodes(trx, decisionId);
}

/**
 * A revocation decision (quyết định thu hồi): under one number of the unit's series, each listed award revoked with
 * the decision's reason, the event naming the decision; or, if any cannot be (revoked meanwhile, not this unit's),
 * none is, with each reason.
 */
async function revokeInTransaction(
  trx: Transaction<Database>,
  record: { id: string; reason: string | null; kind: 'award' | 'revocation'; issuing_unit_id: string },
  issuer: Actor,
  at: string,
  options: AppendOptions,
): Promise<IssuedDecision> {
  requireRevocationReason(record);
  const annex = await trx
    .selectFrom('decision_annex')
    .select('nomination_id as id')
    .where('decision_id', '=', record.id)
    .orderBy('nomination_id')
    .execute();
  if (annex.length === 0)
    throw new DomainError('EmptyDecision', 'The decision lists no award: add some before issuing it.');
  const { number, sequence } = await nextDecisionNumber(trx, record.issuing_unit_id, decisionYear(at));
  const revocations: IssuedDecision['approvals'] = [];
  const refusals: AnnexRefusal[] = [];
  for (const { id } of annex) {
    const loaded = await loadNominationForUpdate(trx, id);
    try {
      const events = decide(
        {
          type: 'revoke',
          actor: issuer,
          at,
          comment: record.reason,
          revocation: { id: record.id, number, sequence },
        },
        loaded.state,
      );
      const positioned = events.map((event, i) => ({
        nominationId: id,
        position: loaded.events.length + 1 + i,
        event,
      }));
      await appendEventsLocked(trx, positioned, options, loaded);
      revocations.push({ nominationId: id, events: positioned });
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      refusals.push({ nominationId: id, code: err.code, message: err.message });
    }
  }
  if (refusals.length > 0) throw refused(refusals, annex.length, 'revoked');
  await markIssued(trx, record.id, { number, sequence }, issuer, at);
  return { decisionId: record.id, number, sequence, issuedAt: at, approvals: revocations };
}

function refused(refusals: AnnexRefusal[], of: number, what: 'approved' | 'revoked'): DomainError {
  // Thrown out of the transaction: everything appended before it, and the number, roll back with it.
  return new DomainError(
    'DecisionRefused',
    `${refusals.length} of the ${of} nominations cannot be ${what}, so none was: ${refusals
      .map((r) => `${r.nominationId}: ${r.message}`)
      .join('; ')}`,
    { refusals },
  );
}

/** An issued decision as its issuing left it: a retry, or a second request, takes no second number. */
async function storedIssue(db: Kysely<Database>, decisionId: string): Promise<IssuedDecision> {
  const record = await db
    .selectFrom('decision_records')
    .select(['number', 'sequence', 'issued_at', 'kind'])
    .where('id', '=', decisionId)
    .executeTakeFirstOrThrow();
  // Through the annex (keyed by decision), not a search of every event's data: the approvals of its nominations.
  const rows = await db
    .selectFrom('nomination_events')
    .innerJoin('decision_annex', 'decision_annex.nomination_id', 'nomination_events.nomination_id')
    .selectAll('nomination_events')
    .where('decision_annex.decision_id', '=', decisionId)
    .where(
      'nomination_events.type',
      '=',
      record.kind === 'revocation' ? 'AwardRevoked' : 'NominationApproved',
    )
    .orderBy('nomination_events.nomination_id')
    .execute();
  return {
    decisionId,
    number: record.number ?? '',
    sequence: record.sequence ?? 0,
    issuedAt: record.issued_at?.toISOString() ?? '',
    approvals: rows.map((r) => ({
      nominationId: r.nomination_id,
      events: [{ nominationId: r.nomination_id, position: r.position, event: rowToEvent(r) }],
    })),
  };
}
