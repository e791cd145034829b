import { sql, type Kysely } from 'kysely';

// Frozen in time (2026-11-22): a decision (quyết định khen thưởng) as a record of its own. A deciding unit prepares a
// draft: its title, legal bases (căn cứ), occasion, recipients (nơi nhận), signer, and the annex (danh sách kèm theo)
// of nominations that wait for its decision. Issuing gives the whole draft one number of the unit's year. A nomination
// is in at most one award decision. The `decisions` table stays the register of every approval's number: one number
// may now stand for many approvals (a decision's whole annex), each row naming its decision record when it has one.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('decision_records')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('issuing_unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('kind', 'text', (c) =>
      c
        .notNull()
        .defaultTo('award')
        .check(sql`kind in ('award', 'revocation')`),
    )
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('draft')
        .check(sql`status in ('draft', 'issued')`),
    )
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('bases', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('occasion', 'text')
    .addColumn('movement_id', 'uuid', (c) => c.references('movements.id'))
    .addColumn('recipients', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('signer_name', 'text')
    .addColumn('signer_title', 'text')
    .addColumn('signer_capacity', 'text')
    .addColumn('sequence', 'integer')
    .addColumn('number', 'text')
    .addColumn('issued_at', 'timestamptz')
    .addColumn('issued_by', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('decision_records_number_unique', ['issuing_unit_id', 'year', 'sequence'])
    // Issued means numbered and dated; a draft has neither.
    .addCheckConstraint(
      'decision_records_issued_numbered',
      sql`(status = 'issued') = (sequence is not null and number is not null and issued_at is not null)`,
    )
    .execute();
  await db.schema
    .createIndex('decision_records_by_unit')
    .on('decision_records')
    .columns(['issuing_unit_id', 'year', 'status'])
    .execute();

  await db.schema
    .createTable('decision_annex')
    .addColumn('decision_id', 'uuid', (c) =>
      c.notNull().references('decision_records.id').onDelete('cascade'),
    )
    .addColumn('nomination_id', 'text', (c) => c.notNull().references('nominations.id'))
    // The decision's kind, kept here so that "at most one award decision per nomination" is a plain unique index.
    .addColumn('kind', 'text', (c) => c.notNull().defaultTo('award'))
    .addColumn('added_by', 'text', (c) => c.notNull())
    .addColumn('added_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('decision_annex_pk', ['decision_id', 'nomination_id'])
    .addUniqueConstraint('decision_annex_one_per_kind', ['nomination_id', 'kind'])
    .execute();

  await db.schema.alterTable('decisions').dropConstraint('decisions_pk').execute();
  await db.schema
    .alterTable('decisions')
    .addPrimaryKeyConstraint('decisions_pk', ['nomination_id'])
    .execute();
  await db.schema
    .alterTable('decisions')
    .addColumn('decision_id', 'uuid', (c) => c.references('decision_records.id'))
    .execute();
  await db.schema
    .createIndex('decisions_by_number')
    .on('decisions')
    .columns(['unit_id', 'year', 'sequence'])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('decisions_by_number').execute();
  await db.schema.alterTable('decisions').dropColumn('decision_id').execute();
  await db.schema.alterTable('decisions').dropConstraint('decisions_pk').execute();
  await db.schema
    .alterTable('decisions')
    .addPrimaryKeyConstraint('decisions_pk', ['unit_id', 'year', 'sequence'])
    .execute();
  await db.schema.dropTable('decision_annex').execute();
  await db.schema.dropTable('decision_records').execute();
}
