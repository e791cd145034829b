import { sql, type Kysely } from 'kysely';

// Frozen in time (2026-11-22): reviews of a movement (sơ kết, tổng kết) with each unit's scores on the criteria,
// batches of nominations created from a final review, and registration once per movement (not once per year).

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('movement_reviews')
    .addColumn('movement_id', 'uuid', (c) => c.notNull().references('movements.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('interim', 'final')`))
    .addColumn('held_on', 'date', (c) => c.notNull())
    // [{ unitId, scores: { [criterion]: number }, total }]
    .addColumn('results', 'jsonb', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('movement_reviews_pk', ['movement_id', 'kind', 'held_on'])
    .execute();
  // At most one final review per movement.
  await sql`create unique index movement_reviews_one_final on movement_reviews (movement_id) where kind = 'final'`.execute(
    db,
  );
  // A member or unit registers once a year in general, and once for each movement it takes part in.
  await sql`drop index registrations_member_uq`.execute(db);
  await sql`drop index registrations_unit_uq`.execute(db);
  await sql`create unique index registrations_member_uq on registrations (year, member_id) where member_id is not null and movement_id is null`.execute(
    db,
  );
  await sql`create unique index registrations_unit_uq on registrations (year, unit_id) where member_id is null and movement_id is null`.execute(
    db,
  );
  await sql`create unique index registrations_movement_member_uq on registrations (movement_id, member_id) where member_id is not null and movement_id is not null`.execute(
    db,
  );
  await sql`create unique index registrations_movement_unit_uq on registrations (movement_id, unit_id) where member_id is null and movement_id is not null`.execute(
    db,
  );
  // Each nomination a final review created, by batch and row: a repeated import finds the rows it already created.
  await db.schema
    .createTable('movement_nominations')
    .addColumn('movement_id', 'uuid', (c) => c.notNull().references('movements.id'))
    .addColumn('batch_id', 'text', (c) => c.notNull())
    .addColumn('row_number', 'integer', (c) => c.notNull())
    .addColumn('nomination_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('movement_nominations_pk', ['movement_id', 'batch_id', 'row_number'])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('movement_nominations').ifExists().execute();
  await sql`drop index registrations_movement_member_uq`.execute(db);
  await sql`drop index registrations_movement_unit_uq`.execute(db);
  await db.schema.dropTable('movement_reviews').ifExists().execute();
}
