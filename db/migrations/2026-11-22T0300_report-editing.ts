import { sql, type Kysely } from 'kysely';

// Frozen in time (2026-11-22): a version on each report, so that two officers of a unit editing its draft cannot
// overwrite each other (If-Match), and the trainings of officers (tập huấn) that the yearly indicator counts.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('reports')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createTable('officer_trainings')
    .addColumn('account_id', 'uuid', (c) => c.notNull().references('accounts.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('course', 'text', (c) => c.notNull())
    .addColumn('held_on', 'date', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    // Reports count what stood when their period opened: a training recorded later is not in them.
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('officer_trainings_pk', ['account_id', 'year', 'course'])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('officer_trainings').ifExists().execute();
  await db.schema.alterTable('reports').dropColumn('version').execute();
}
