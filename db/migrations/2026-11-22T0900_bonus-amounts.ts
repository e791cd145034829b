import { sql, type Kysely } from 'kysely';

// Frozen in time (2026-11-22): bonus money (tiền thưởng) as data. Each form's bonus is a multiple of the base salary
// (mức lương cơ sở), for an individual and for a collective; both change on given dates, by decree and by regulation,
// so each row holds the date it takes effect and a decision is paid at the figures in effect on its date.
//
// The base salary is national law and seeded here: 1,800,000 đồng from 1 July 2023 (Nghị định 24/2023/NĐ-CP),
// 2,340,000 đồng from 1 July 2024 (Nghị định 73/2024/NĐ-CP). The forms' multiples are the regulation of whoever
// deploys this (the demo loads its own); a later decree is one more row.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('base_salaries')
    .addColumn('effective_from', 'date', (c) => c.primaryKey())
    .addColumn('amount_vnd', 'integer', (c) => c.notNull().check(sql`amount_vnd > 0`))
    .addColumn('source', 'text', (c) => c.notNull())
    .execute();
  await db
    .insertInto('base_salaries')
    .values([
      { effective_from: '2023-07-01', amount_vnd: 1_800_000, source: 'Nghị định 24/2023/NĐ-CP' },
      { effective_from: '2024-07-01', amount_vnd: 2_340_000, source: 'Nghị định 73/2024/NĐ-CP' },
    ])
    .execute();
  await db.schema
    .createTable('award_form_bonuses')
    .addColumn('form_code', 'text', (c) => c.notNull().references('award_forms.code'))
    .addColumn('effective_from', 'date', (c) => c.notNull())
    .addColumn('individual_multiple', 'numeric(6, 3)', (c) =>
      c.notNull().check(sql`individual_multiple >= 0`),
    )
    .addColumn('collective_multiple', 'numeric(6, 3)', (c) =>
      c.notNull().check(sql`collective_multiple >= 0`),
    )
    .addColumn('source', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('award_form_bonuses_pk', ['form_code', 'effective_from'])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('award_form_bonuses').execute();
  await db.schema.dropTable('base_salaries').execute();
}
