import { sql, type Kysely } from 'kysely';

// Frozen in time (2026-11-22): emulation movements, their scope, and registrations tied to a movement.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('movements')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('launching_unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('target_group', 'text', (c) => c.notNull())
    .addColumn('starts_on', 'date', (c) => c.notNull())
    .addColumn('ends_on', 'date', (c) => c.notNull())
    .addColumn('criteria', 'jsonb', (c) => c.notNull())
    .addColumn('interim_reviews', 'jsonb', (c) => c.notNull())
    .addColumn('final_review', 'date', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('active', 'closed')`))
    .addColumn('launched_by', 'text', (c) => c.notNull())
    .addColumn('launched_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createTable('movement_scope')
    .addColumn('movement_id', 'uuid', (c) => c.notNull().references('movements.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addPrimaryKeyConstraint('movement_scope_pk', ['movement_id', 'unit_id'])
    .execute();
  await db.schema
    .alterTable('registrations')
    .addColumn('movement_id', 'uuid', (c) => c.references('movements.id'))
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('registrations').dropColumn('movement_id').execute();
  await db.schema.dropTable('movement_scope').ifExists().execute();
  await db.schema.dropTable('movements').ifExists().execute();
}
