/**
 * The bonus figures (base salaries, and each form's multiples) as the rule in domain/bonus.ts takes them: read once
 * per request, they are a few rows.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { bonusFor, type BonusMultiples, type Dated } from '../domain/bonus.js';
import { vietnamDay } from '../domain/deadlines.js';

export interface BonusTables {
  baseSalaries: Dated<number>[];
  multiples: Map<string, Dated<BonusMultiples>[]>;
}

export async function bonusTables(db: Kysely<Database>): Promise<BonusTables> {
  const salaries = await db
    .selectFrom('base_salaries')
    .select([sql<string>`to_char(effective_from, 'YYYY-MM-DD')`.as('day'), 'amount_vnd'])
    .execute();
  const forms = await db
    .selectFrom('award_form_bonuses')
    .select([
      'form_code',
      sql<string>`to_char(effective_from, 'YYYY-MM-DD')`.as('day'),
      'individual_multiple',
      'collective_multiple',
    ])
    .execute();
  const multiples = new Map<string, Dated<BonusMultiples>[]>();
  for (const f of forms)
    multiples.set(f.form_code, [
      ...(multiples.get(f.form_code) ?? []),
      {
        effectiveFrom: f.day,
        value: { individual: Number(f.individual_multiple), collective: Number(f.collective_multiple) },
      },
    ]);
  return { baseSalaries: salaries.map((s) => ({ effectiveFrom: s.day, value: s.amount_vnd })), multiples };
}

/** An awardee's bonus in đồng on the decision's date (an ISO instant), or null when no figure is in effect then. */
export function bonusOn(
  tables: BonusTables,
  award: { formCode: string; nomineeKind: string },
  at: string,
): number | null {
  return bonusFor(
    award.nomineeKind === 'collective' ? 'collective' : 'individual',
    tables.multiples.get(award.formCode) ?? [],
    tables.baseSalaries,
    vietnamDay(at),
  );
}
