import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  figuresByScope,
  scopeKeyOf,
  type CountedAward,
  type QuotaRule,
  type ScopeFigures,
} from '../../domain/quota.js';
import { readScopeFigures } from '../../services/quotas.js';
import { createTestEnvironment, type TestEnvironment } from '../support/harness.js';

// The quota agreement: the one SQL reader (services/quotas.ts) counts over real rows in PostgreSQL exactly what the
// pure rules (domain/quota.ts) count over the same awards in memory, for rules per unit, per form and per theme.

const units = [
  { id: 'AL', parent_id: null, level: 'province' },
  { id: 'AL-H01', parent_id: 'AL', level: 'district' },
  { id: 'AL-N01', parent_id: 'AL', level: 'sector' },
  { id: 'CS01', parent_id: 'AL-H01', level: 'base' },
  { id: 'CS02', parent_id: 'AL-H01', level: 'base' },
  { id: 'CS03', parent_id: 'AL-N01', level: 'base' },
] as const;

const rules: QuotaRule[] = [
  {
    id: 'floor-per-decider',
    kind: 'minShare',
    description: 'floor per deciding unit',
    scope: 'decidingUnitYear',
    category: 'directWorker',
    share: 0.15,
    enforcement: 'warn',
  },
  {
    id: 'ceiling-per-base',
    kind: 'maxShare',
    description: 'leaders per base union',
    scope: 'submittingUnitYear',
    category: 'nonLeader',
    share: 0.7,
    enforcement: 'warn',
    appliesTo: { submittingLevels: ['base'], forms: ['F1', 'F2'] },
  },
  {
    id: 'count-per-decider-at-district',
    kind: 'maxCount',
    description: 'a cap on what districts decide',
    scope: 'decidingUnitYear',
    count: 10,
    enforcement: 'block',
    appliesTo: { decidingLevels: ['district'] },
  },
  {
    id: 'cap-per-form',
    kind: 'maxCount',
    description: 'a cap per form',
    scope: 'decidingUnitYearForm',
    count: 5,
    enforcement: 'block',
    appliesTo: { forms: ['F1', 'F3'] },
  },
  {
    id: 'floor-per-form',
    kind: 'minShare',
    description: 'a floor per form',
    scope: 'decidingUnitYearForm',
    category: 'nonLeader',
    share: 0.5,
    enforcement: 'warn',
  },
  {
    id: 'cap-per-theme',
    kind: 'maxCount',
    description: 'a cap per theme',
    scope: 'decidingUnitYearTheme',
    count: 4,
    enforcement: 'block',
  },
  {
    id: 'ceiling-per-theme',
    kind: 'maxShare',
    description: 'a ceiling per theme, of two forms, from base unions',
    scope: 'decidingUnitYearTheme',
    category: 'directWorker',
    share: 0.9,
    enforcement: 'warn',
    appliesTo: { forms: ['F2', 'F3'], submittingLevels: ['base'] },
  },
  {
    id: 'nothing-admitted',
    kind: 'maxCount',
    description: 'an empty list counts nothing',
    scope: 'decidingUnitYearForm',
    count: 1,
    enforcement: 'block',
    appliesTo: { forms: [] },
  },
];

/** A fixed spread of awards: every combination shows up, from a small deterministic generator. */
function makeAwards(count: number): CountedAward[] {
  let seed = 11;
  const pick = <T>(xs: readonly T[]): T => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return xs[(seed >>> 16) % xs.length] as T; // the low bits of this generator repeat too soon
  };
  const levelOf = (id: string) => units.find((u) => u.id === id)?.level ?? 'base';
  const base = Date.parse('2026-01-01T00:00:00Z');
  return Array.from({ length: count }, (_, i) => {
    const decidingUnitId = pick(['AL', 'AL-H01']);
    const submittingUnitId = pick(['CS01', 'CS02', 'CS03', 'AL-H01']);
    const approvedAt = new Date(base + pick([1, 2, 3, 4, 5, 6, 7, 8]) * 86_400_000);
    const revoked = pick([false, false, false, true]);
    return {
      nominationId: `N${String(i).padStart(4, '0')}`,
      nominee: {
        kind: pick(['individual', 'individual', 'individual', 'collective']),
        isLeader: pick([true, false, false]),
        isDirectWorker: pick([true, false]),
      },
      decidingUnitId,
      decidingLevel: levelOf(decidingUnitId),
      submittingUnitId,
      submittingLevel: levelOf(submittingUnitId),
      year: pick([2025, 2026]),
      formCode: pick(['F1', 'F2', 'F3']),
      theme: pick([null, 'flood', 'covid']),
      approvedAt,
      revokedAt: revoked ? new Date(approvedAt.getTime() + pick([1, 2, 3]) * 86_400_000) : null,
    };
  });
}

describe('one reader for every quota figure', () => {
  let env: TestEnvironment;
  const awards = makeAwards(400);

  beforeAll(async () => {
    env = await createTestEnvironment('quotafigures');
    for (const u of units)
      await env.db
        .insertInto('units')
        .values({ ...u, name: u.id, block: null, decision_suffix: 'X' })
        .execute();
    await env.db
      .insertInto('award_history')
      .values(
        awards.map((a) => ({
          nomination_id: a.nominationId,
          nominee_kind: a.nominee.kind,
          member_id: a.nominee.kind === 'individual' ? `M-${a.nominationId}` : null,
          nominee_unit_id: a.submittingUnitId,
          submitting_unit_id: a.submittingUnitId,
          deciding_unit_id: a.decidingUnitId,
          deciding_level: a.decidingLevel,
          form_code: a.formCode,
          year: a.year,
          theme: a.theme,
          is_leader: a.nominee.isLeader,
          is_direct_worker: a.nominee.isDirectWorker,
          decision_number: `${a.nominationId}/QĐ`,
          approved_at: a.approvedAt,
          revoked_at: a.revokedAt,
        })),
      )
      .execute();
  });

  afterAll(async () => {
    await env.teardown();
  });

  /** Every scope the reader finds, over every unit and year. */
  async function readAll(rule: QuotaRule, asOf: Date | null): Promise<Map<string, ScopeFigures>> {
    const figures = new Map<string, ScopeFigures>();
    for (const unit of units)
      for (const year of [2025, 2026])
        for (const reading of await readScopeFigures(env.db, rule, { unitId: unit.id, year }, { asOf }))
          figures.set(reading.scopeKey, reading.figures);
    return figures;
  }

  const moments = [null, new Date('2026-01-03T12:00:00Z'), new Date('2026-01-07T12:00:00Z')];

  it.each(rules.map((rule) => [rule.id, rule] as const))(
    '%s: the SQL figures equal the pure rules’ over the same awards, now and as of earlier moments',
    async (_id, rule) => {
      for (const at of moments) {
        const pure = figuresByScope(rule, awards, at);
        expect(await readAll(rule, at)).toEqual(pure);
      }
    },
  );

  it('counts something in every kind of scope (the comparison is not between empty maps)', () => {
    for (const rule of rules.filter((r) => r.id !== 'nothing-admitted'))
      expect(figuresByScope(rule, awards).size).toBeGreaterThan(1);
  });

  it('reads one scope as an approval does, narrowed to its form or theme and without itself', async () => {
    for (const rule of rules) {
      for (const award of awards.slice(0, 40)) {
        const selector = {
          unitId: rule.scope === 'submittingUnitYear' ? award.submittingUnitId : award.decidingUnitId,
          year: award.year,
          formCode: award.formCode,
          theme: award.theme,
        };
        const readings = await readScopeFigures(env.db, rule, selector, {
          excludeNominationId: award.nominationId,
        });
        const pure = figuresByScope(
          rule,
          awards.filter((a) => a.nominationId !== award.nominationId),
        );
        const expected = pure.get(scopeKeyOf(rule.scope, award));
        expect(readings.map((r) => ({ key: r.scopeKey, figures: r.figures }))).toEqual(
          expected === undefined ? [] : [{ key: scopeKeyOf(rule.scope, award), figures: expected }],
        );
      }
    }
  });
});
