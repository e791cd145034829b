import { sql, type Kysely } from 'kysely';

// Frozen in time (2026-11-22): reporting periods (half-yearly and yearly) and the reports units owe in them.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('reporting_periods')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('halfYear', 'year')`))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('opened_at', 'timestamptz', (c) => c.notNull())
    .addColumn('due_at', 'timestamptz', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('open', 'closed')`))
    .addColumn('closed_at', 'timestamptz')
    .execute();
  // One report per unit and period, owed to the unit directly above it.
  await db.schema
    .createTable('reports')
    .addColumn('period_id', 'text', (c) => c.notNull().references('reporting_periods.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('upper_unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('due', 'submitted', 'overdue')`))
    .addColumn('submitted_at', 'timestamptz')
    .addColumn('content', 'jsonb')
    .addPrimaryKeyConstraint('reports_pk', ['period_id', 'unit_id'])
    .execute();
  // Notifications are about a nomination or a reporting period.
  await db.schema
    .alterTable('notifications')
    .alterColumn('nomination_id', (c) => c.dropNotNull())
    .execute();
  await db.schema.alterTable('notifications').addColumn('period_id', 'text').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('notifications').dropColumn('period_id').execute();
  await db.schema.dropTable('reports').ifExists().execute();
  await db.schema.dropTable('reporting_periods').ifExists().execute();
}
