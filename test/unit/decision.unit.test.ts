import { describe, expect, it } from '@jest/globals';
import {
  annexProblems,
  requireDecisionPreparer,
  requireDraft,
  draftDefaults,
  requireRevocationReason,
  revocationProblems,
  type AnnexCandidate,
} from '../../domain/decision.js';
import { DomainError } from '../../domain/errors.js';

const decision = { id: 'dec-1', issuingUnitId: 'AL', year: 2026 };
const waiting = (id: string, overrides: Partial<AnnexCandidate> = {}): AnnexCandidate => ({
  id,
  status: 'inReview',
  holdingUnitId: 'AL',
  decidingUnitId: 'AL',
  year: 2026,
  inDecision: null,
  ...overrides,
});
const codeOf = (f: () => void): string | undefined => {
  try {
    f();
    return undefined;
  } catch (err) {
    return err instanceof DomainError ? err.code : 'not a DomainError';
  }
};

describe('the annex of a decision', () => {
  it('takes nominations that wait for the issuing unit’s decision in its year', () => {
    expect(annexProblems(decision, ['a', 'b'], [waiting('a'), waiting('b')])).toEqual([]);
    // Already in this very decision: listing it again is no problem.
    expect(annexProblems(decision, ['a'], [waiting('a', { inDecision: 'dec-1' })])).toEqual([]);
  });

  it('names each nomination it refuses, by its place in the request', () => {
    const problems = annexProblems(
      decision,
      ['missing', 'other', 'district', 'endorse', 'old', 'ok'],
      [
        waiting('other', { inDecision: 'dec-2' }),
        waiting('district', { holdingUnitId: 'AL-H01' }),
        waiting('endorse', { decidingUnitId: 'TLD' }),
        waiting('old', { year: 2025 }),
        waiting('ok'),
      ],
    );
    expect(problems.map((p) => p.field)).toEqual([
      'nominationIds/0',
      'nominationIds/1',
      'nominationIds/2',
      'nominationIds/3',
      'nominationIds/4',
    ]);
    expect(problems.map((p) => p.problem)).toEqual([
      'nomination missing does not exist or is not visible',
      'nomination other is already in decision dec-2',
      "nomination district does not wait for this unit's decision",
      'nomination endorse is decided by another unit; endorse it instead',
      'nomination old is for 2025, the decision for 2026',
    ]);
  });

  it('refuses what is approved, returned or withdrawn', () => {
    for (const status of ['approved', 'returned', 'withdrawn'])
      expect(annexProblems(decision, ['x'], [waiting('x', { status })])).toHaveLength(1);
  });
});

describe('who prepares decisions, and when they change', () => {
  it('lets the officers and deciders of a deciding unit prepare them', () => {
    expect(
      codeOf(() => requireDecisionPreparer({ role: 'province_officer', unitLevel: 'province' })),
    ).toBeUndefined();
    expect(
      codeOf(() => requireDecisionPreparer({ role: 'board_member', unitLevel: 'province' })),
    ).toBeUndefined();
    expect(
      codeOf(() => requireDecisionPreparer({ role: 'district_head', unitLevel: 'district' })),
    ).toBeUndefined();
  });

  it('refuses auditors (they read), base unions (they decide nothing here) and roles of another level', () => {
    expect(codeOf(() => requireDecisionPreparer({ role: 'auditor', unitLevel: 'province' }))).toBe(
      'ReadOnly',
    );
    expect(codeOf(() => requireDecisionPreparer({ role: 'base_officer', unitLevel: 'base' }))).toBe(
      'WrongRole',
    );
    expect(codeOf(() => requireDecisionPreparer({ role: 'district_officer', unitLevel: 'province' }))).toBe(
      'WrongRole',
    );
  });

  it('changes a draft, never an issued decision', () => {
    expect(codeOf(() => requireDraft({ id: 'd', status: 'draft', number: null }))).toBeUndefined();
    expect(codeOf(() => requireDraft({ id: 'd', status: 'issued', number: '15/QĐ-LĐLĐ' }))).toBe(
      'DecisionIssued',
    );
  });

  it('lists in a revocation only awards that stand, that the issuing unit decided, in no other revocation', () => {
    const award = (
      id: string,
      status = 'approved',
      decidingUnitId = 'AL',
      inRevocation: string | null = null,
    ) => ({
      id,
      status,
      decidingUnitId,
      inRevocation,
    });
    expect(
      revocationProblems(
        decision,
        ['ok', 'gone', 'revoked', 'waiting', 'district', 'listed', 'here'],
        [
          award('ok'),
          award('revoked', 'revoked'),
          award('waiting', 'inReview'),
          award('district', 'approved', 'AL-H01'),
          award('listed', 'approved', 'AL', 'dec-2'),
          award('here', 'approved', 'AL', 'dec-1'),
        ],
      ),
    ).toEqual([
      { field: 'nominationIds/1', problem: 'nomination gone does not exist or is not visible' },
      { field: 'nominationIds/2', problem: 'nomination revoked is not an award that stands (it is revoked)' },
      {
        field: 'nominationIds/3',
        problem: 'nomination waiting is not an award that stands (it is inReview)',
      },
      {
        field: 'nominationIds/4',
        problem: 'award district was decided by another unit, which alone revokes it',
      },
      { field: 'nominationIds/5', problem: 'award listed is already in revocation decision dec-2' },
    ]);
  });

  it('issues a revocation only with its reason; an award decision needs none', () => {
    expect(codeOf(() => requireRevocationReason({ kind: 'revocation', reason: '  ' }))).toBe(
      'CommentRequired',
    );
    expect(codeOf(() => requireRevocationReason({ kind: 'revocation', reason: null }))).toBe(
      'CommentRequired',
    );
    expect(codeOf(() => requireRevocationReason({ kind: 'revocation', reason: 'Khai man' }))).toBeUndefined();
    expect(codeOf(() => requireRevocationReason({ kind: 'award', reason: null }))).toBeUndefined();
  });

  it('starts a draft from the unit’s defaults, then each listed form’s, each line once, the signer the last named', () => {
    const signer = (name: string | null, title: string | null, capacity: string | null) => ({
      name,
      title,
      capacity,
    });
    const defaults = [
      {
        formCode: 'BK',
        bases: ['Căn cứ B;', 'Căn cứ A;'],
        recipients: ['Lưu VT.'],
        signer: signer(null, 'PHÓ CHỦ TỊCH', null),
      },
      {
        formCode: null,
        bases: ['Căn cứ A;'],
        recipients: ['Như Điều 3;', 'Lưu VT.'],
        signer: signer('Ông X', 'CHỦ TỊCH', 'TM. BTV'),
      },
      { formCode: 'GK', bases: ['Căn cứ G;'], recipients: [], signer: signer(null, null, null) },
    ];
    expect(draftDefaults(defaults, ['BK'])).toEqual({
      bases: ['Căn cứ A;', 'Căn cứ B;'],
      recipients: ['Như Điều 3;', 'Lưu VT.'],
      signer: signer('Ông X', 'PHÓ CHỦ TỊCH', 'TM. BTV'),
    });
    expect(draftDefaults(defaults, []).bases).toEqual(['Căn cứ A;']);
    expect(draftDefaults([], ['BK'])).toEqual({
      bases: [],
      recipients: [],
      signer: signer(null, null, null),
    });
  });
});
