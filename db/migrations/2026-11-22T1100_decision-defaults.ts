import { sql, type Kysely } from 'kysely';

// Frozen in time (2026-11-22): what a unit's new drafts start with (its legal bases, recipients and signer), for all its
// decisions (form_code null) and, added to those, for the decisions of one form. Officers still edit each draft.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('decision_defaults')
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('form_code', 'text', (c) => c.references('award_forms.code'))
    .addColumn('bases', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('recipients', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('signer_name', 'text')
    .addColumn('signer_title', 'text')
    .addColumn('signer_capacity', 'text')
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create unique index decision_defaults_one_per_form
    on decision_defaults (unit_id, coalesce(form_code, ''))`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('decision_defaults').execute();
}
