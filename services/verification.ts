/**
 * Printed papers anyone can verify: the codes of an issued decision and of each award in it (domain/verification.ts),
 * and the public answer to "is this paper genuine and still valid?". The answer says only what the paper itself
 * prints (issuer, number, date, the awardee as printed, the form), whether the award was revoked since and by which
 * decision, and the chain hash of the approval, with which an auditor can go further in the audit export.
 */
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { DomainError } from '../domain/errors.js';
import { normaliseVerificationCode, verificationCodeFrom } from '../domain/verification.js';
import type { ServiceDeps } from './deps.js';

/** The codes of one issued decision: its own, and each listed nomination's. */
export interface DecisionCodes {
  decision: string;
  byNomination: Map<string, string>;
}

/**
 * Gives an issued decision and each award of its annex a code, keeping those it has: called by the issuing's
 * transaction, and again before printing (decisions issued before codes existed get theirs then).
 */
export async function ensureVerificationCodes(
  db: Kysely<Database>,
  decisionId: string,
): Promise<DecisionCodes> {
  const annex = await db
    .selectFrom('decision_annex')
    .select('nomination_id')
    .where('decision_id', '=', decisionId)
    .where('kind', '=', 'award')
    .execute();
  // A revocation decision prints no certificates: its own code only (its annex entries are of kind 'revocation').
  const papers: (string | null)[] = [null, ...annex.map((a) => a.nomination_id)];
  // A fresh code that happens to exist already (one in 2^50) is skipped by the conflict and drawn again.
  for (let round = 0; round < 5; round++) {
    const codes = await codesOf(db, decisionId);
    const missing = papers.filter((p) => !(p === null ? codes.decision !== '' : codes.byNomination.has(p)));
    if (missing.length === 0) return codes;
    await db
      .insertInto('verification_codes')
      .values(
        missing.map((nominationId) => ({
          code: verificationCodeFrom(randomBytes(10)),
          decision_id: decisionId,
          nomination_id: nominationId,
        })),
      )
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
  throw new Error(`could not give decision ${decisionId} its verification codes`);
}

async function codesOf(db: Kysely<Database>, decisionId: string): Promise<DecisionCodes> {
  const rows = await db
    .selectFrom('verification_codes')
    .select(['code', 'nomination_id'])
    .where('decision_id', '=', decisionId)
    .execute();
  const codes: DecisionCodes = { decision: '', byNomination: new Map() };
  for (const row of rows) {
    if (row.nomination_id === null) codes.decision = row.code;
    else codes.byNomination.set(row.nomination_id, row.code);
  }
  return codes;
}

/** A decision as the verification page names it. */
export interface VerifiedDecision {
  kind: 'award' | 'revocation';
  number: string;
  issuerName: string;
  issuedAt: string;
  title: string;
}

/** The public answer for a genuine code. */
export interface Verification {
  code: string;
  /** What the paper is: a whole decision, or one award's certificate. */
  paper: 'decision' | 'award';
  decision: VerifiedDecision;
  /** The awardee as printed, for an award's code. */
  award: {
    nomineeName: string;
    nomineeKind: 'individual' | 'collective';
    /** The unit the nomination came from, printed under the name. */
    unitName: string;
    formName: string;
    year: number;
    /** Whether the award stands, or was revoked (and by which decision, when it was by one). */
    status: 'valid' | 'revoked';
    revoked: { at: string; decision: VerifiedDecision | null; reason: string | null } | null;
    /** The hash of the approval's event in the award's chain (the audit export lists it). */
    chainHash: string;
  } | null;
  /** For a decision's code: how many it lists, and how many of those were revoked since. */
  listed: { collectives: number; individuals: number; revoked: number } | null;
}

/**
 * What the public may know of a printed code. A code that is not well formed, or that no paper carries, is the same
 * answer (NotFound): the page tells the reader the paper cannot be confirmed.
 */
export async function verifyCode(deps: ServiceDeps, input: string): Promise<Verification> {
  const code = normaliseVerificationCode(input);
  const notFound = new DomainError(
    'NotFound',
    'No decision or certificate carries this code: check it against the paper; a paper whose code is not found is not confirmed.',
  );
  if (code === undefined) throw notFound;
  const row = await deps.db
    .selectFrom('verification_codes as v')
    .innerJoin('decision_records as d', 'd.id', 'v.decision_id')
    .innerJoin('units as u', 'u.id', 'd.issuing_unit_id')
    .select([
      'v.nomination_id',
      'd.id as decision_id',
      'd.kind',
      'd.number',
      'd.issued_at',
      'd.title',
      'u.name as issuer_name',
    ])
    .where('v.code', '=', code)
    .where('d.status', '=', 'issued')
    .executeTakeFirst();
  const decision = row === undefined ? null : verifiedDecision(row);
  if (row === undefined || decision === null) throw notFound;
  if (row.nomination_id === null) {
    const listed = await deps.db
      .selectFrom('decision_annex as a')
      .innerJoin('nominations as n', 'n.id', 'a.nomination_id')
      .select((eb) => [
        eb.fn.countAll<string>().filterWhere('n.nominee_kind', '=', 'collective').as('collectives'),
        eb.fn.countAll<string>().filterWhere('n.nominee_kind', '<>', 'collective').as('individuals'),
        eb.fn.countAll<string>().filterWhere('n.status', '=', 'revoked').as('revoked'),
      ])
      .where('a.decision_id', '=', row.decision_id)
      .executeTakeFirstOrThrow();
    return {
      code,
      paper: 'decision',
      decision,
      award: null,
      listed: {
        collectives: Number(listed.collectives),
        individuals: Number(listed.individuals),
        revoked: decision.kind === 'award' ? Number(listed.revoked) : 0,
      },
    };
  }
  return { code, paper: 'award', decision, award: await awardOf(deps.db, row.nomination_id), listed: null };
}

/** A decision as the check shows it, once issued (numbered and dated); null before. */
function verifiedDecision(row: {
  kind: VerifiedDecision['kind'];
  number: string | null;
  issued_at: Date | null;
  title: string;
  issuer_name: string;
}): VerifiedDecision | null {
  if (row.number === null || row.issued_at === null) return null;
  return {
    kind: row.kind,
    number: row.number,
    issuerName: row.issuer_name,
    issuedAt: row.issued_at.toISOString(),
    title: row.title,
  };
}

async function awardOf(
  db: Kysely<Database>,
  nominationId: string,
): Promise<NonNullable<Verification['award']>> {
  const award = await db
    .selectFrom('nominations as n')
    .innerJoin('units as u', 'u.id', 'n.submitting_unit_id')
    .innerJoin('award_forms as f', 'f.code', 'n.award_form_code')
    .select([
      'n.nominee_name',
      'n.nominee_kind',
      'n.year',
      'n.status',
      'u.name as unit_name',
      'f.name as form_name',
    ])
    .where('n.id', '=', nominationId)
    .executeTakeFirstOrThrow();
  const events = await db
    .selectFrom('nomination_events')
    .select(['type', 'occurred_at', 'comment', 'data', 'hash'])
    .where('nomination_id', '=', nominationId)
    .where('type', 'in', ['NominationApproved', 'AwardRevoked'])
    .orderBy('position')
    .execute();
  const approval = events.find((e) => e.type === 'NominationApproved');
  const revocation = events.find((e) => e.type === 'AwardRevoked');
  let revoked: NonNullable<Verification['award']>['revoked'] = null;
  if (award.status === 'revoked' && revocation !== undefined) {
    const revokingId = (revocation.data as { revocationDecisionId?: string }).revocationDecisionId;
    const revoking =
      revokingId === undefined
        ? undefined
        : await db
            .selectFrom('decision_records as d')
            .innerJoin('units as u', 'u.id', 'd.issuing_unit_id')
            .select(['d.kind', 'd.number', 'd.issued_at', 'd.title', 'd.reason', 'u.name as issuer_name'])
            .where('d.id', '=', revokingId)
            .executeTakeFirst();
    revoked = {
      at: revocation.occurred_at.toISOString(),
      decision: revoking === undefined ? null : verifiedDecision(revoking),
      reason: revoking?.reason ?? revocation.comment,
    };
  }
  return {
    nomineeName: award.nominee_name,
    nomineeKind: award.nominee_kind === 'collective' ? 'collective' : 'individual',
    unitName: award.unit_name,
    formName: award.form_name,
    year: award.year,
    status: revoked === null ? 'valid' : 'revoked',
    revoked,
    chainHash: approval?.hash ?? '',
  };
}
