/**
 * A decision (quyết định khen thưởng) as the union makes it: a deciding unit prepares a draft (dự thảo) whose annex
 * (danh sách kèm theo) lists the nominations that wait for its decision, and issues it under one number. Pure rules:
 * who prepares decisions, which nominations an annex may hold, and what may change once it is issued.
 */
import { DomainError, type FieldProblem } from './errors.js';
import { deciderRoles, officerRoles } from './roles.js';
import type { Viewer } from './viewer.js';

export type DecisionStatus = 'draft' | 'issued';

/**
 * Who prepares a unit's decisions: its officers (the department that drafts them) and its deciders (who sign). Base
 * unions decide no form of this system; auditors only read.
 */
export function requireDecisionPreparer(viewer: Pick<Viewer, 'role' | 'unitLevel'>): void {
  if (viewer.role === 'auditor')
    throw new DomainError('ReadOnly', 'Auditors read decisions; they do not prepare them.', {
      role: viewer.role,
    });
  if (deciderRoles(viewer.unitLevel).length === 0)
    throw new DomainError('WrongRole', 'A base union issues no award decision of this system.', {
      role: viewer.role,
    });
  const allowed = [...new Set([...officerRoles(viewer.unitLevel), ...deciderRoles(viewer.unitLevel)])];
  if (!allowed.includes(viewer.role))
    throw new DomainError('WrongRole', `Only ${allowed.join(', ')} prepare decisions.`, {
      role: viewer.role,
      allowed,
    });
}

/** Who issues a unit's decisions: its deciders, who sign them (the head; the standing committee). */
export function requireDecisionIssuer(viewer: Pick<Viewer, 'role' | 'unitLevel'>): void {
  requireDecisionPreparer(viewer);
  const allowed = deciderRoles(viewer.unitLevel);
  if (!allowed.includes(viewer.role))
    throw new DomainError('WrongRole', `Only ${allowed.join(', ')} issue decisions; officers prepare them.`, {
      role: viewer.role,
      allowed,
    });
}

/** A draft changes; an issued decision is a signed paper and does not. */
export function requireDraft(decision: { id: string; status: DecisionStatus; number: string | null }): void {
  if (decision.status !== 'draft')
    throw new DomainError(
      'DecisionIssued',
      `Decision ${decision.number ?? decision.id} is issued: it can no longer be changed.`,
      { decisionId: decision.id, number: decision.number },
    );
}

/** A nomination as the annex rule sees it (from the read model). */
export interface AnnexCandidate {
  id: string;
  status: string;
  holdingUnitId: string;
  /** The unit that decides its form: the last step of its route. */
  decidingUnitId: string | null;
  year: number;
  /** The award decision it is already listed in, if any. */
  inDecision: string | null;
}

/**
 * What keeps each requested nomination out of the annex of `decision`: it must wait for the issuing unit's decision
 * (in review, held by that unit, which decides its form), be of the decision's year, and be in no other award
 * decision. `requested[i]` missing from `found` was not found (or is not visible). Answers one problem per refused
 * nomination, pointing at its place in the request.
 */
export function annexProblems(
  decision: { id: string; issuingUnitId: string; year: number },
  requested: readonly string[],
  found: readonly AnnexCandidate[],
): FieldProblem[] {
  return problemsOf(requested, found, (c) =>
    c.inDecision !== null && c.inDecision !== decision.id
      ? `nomination ${c.id} is already in decision ${c.inDecision}`
      : c.status !== 'inReview' || c.holdingUnitId !== decision.issuingUnitId
        ? `nomination ${c.id} does not wait for this unit's decision`
        : c.decidingUnitId !== decision.issuingUnitId
          ? `nomination ${c.id} is decided by another unit; endorse it instead`
          : c.year !== decision.year
            ? `nomination ${c.id} is for ${c.year}, the decision for ${decision.year}`
            : null,
  );
}

/** One problem per refused request, pointing at its place in the request; one not found is refused as such. */
function problemsOf<C extends { id: string }>(
  requested: readonly string[],
  found: readonly C[],
  refusal: (candidate: C) => string | null,
): FieldProblem[] {
  const byId = new Map(found.map((c) => [c.id, c]));
  return requested.flatMap((id, i) => {
    const c = byId.get(id);
    const problem = c === undefined ? `nomination ${id} does not exist or is not visible` : refusal(c);
    return problem === null ? [] : [{ field: `nominationIds/${i}`, problem }];
  });
}

export type DecisionKind = 'award' | 'revocation';

/** An award as the revocation rule sees it (from the read model). */
export interface RevocationCandidate {
  id: string;
  status: string;
  /** The unit whose decision approved it: only that unit revokes it. */
  decidingUnitId: string | null;
  /** The revocation decision it is already listed in, if any. */
  inRevocation: string | null;
}

/**
 * What keeps each requested award out of a revocation decision's annex: it must stand (approved, not revoked), have
 * been decided by the issuing unit (a unit revokes only its own awards), and be in no other revocation decision.
 */
export function revocationProblems(
  decision: { id: string; issuingUnitId: string },
  requested: readonly string[],
  found: readonly RevocationCandidate[],
): FieldProblem[] {
  return problemsOf(requested, found, (c) =>
    c.inRevocation !== null && c.inRevocation !== decision.id
      ? `award ${c.id} is already in revocation decision ${c.inRevocation}`
      : c.status !== 'approved'
        ? `nomination ${c.id} is not an award that stands (it is ${c.status})`
        : c.decidingUnitId !== decision.issuingUnitId
          ? `award ${c.id} was decided by another unit, which alone revokes it`
          : null,
  );
}

/** A revocation decision says why: issuing one without a reason is refused. */
export function requireRevocationReason(decision: { kind: DecisionKind; reason: string | null }): void {
  if (decision.kind === 'revocation' && (decision.reason === null || decision.reason.trim() === ''))
    throw new DomainError(
      'CommentRequired',
      'A revocation decision states its reason (lý do thu hồi): write it before issuing.',
    );
}

/** What a unit's drafts start with: its legal bases, recipients and signer. */
export interface DecisionDefaults {
  formCode: string | null;
  bases: string[];
  recipients: string[];
  signer: { name: string | null; title: string | null; capacity: string | null };
}

/**
 * A new draft's text from the unit's defaults: the unit's own, then those of each form the draft lists, in that order,
 * each basis and recipient once. The signer is the unit's, unless a form's names one.
 */
export function draftDefaults(
  defaults: readonly DecisionDefaults[],
  formCodes: readonly string[],
): Omit<DecisionDefaults, 'formCode'> {
  const chosen = [
    ...defaults.filter((d) => d.formCode === null),
    ...formCodes.flatMap((code) => defaults.filter((d) => d.formCode === code)),
  ];
  const once = (lines: string[][]): string[] => [...new Set(lines.flat())];
  const signer = { name: null, title: null, capacity: null } as DecisionDefaults['signer'];
  for (const d of chosen)
    for (const key of ['name', 'title', 'capacity'] as const) signer[key] = d.signer[key] ?? signer[key];
  return {
    bases: once(chosen.map((d) => d.bases)),
    recipients: once(chosen.map((d) => d.recipients)),
    signer,
  };
}
