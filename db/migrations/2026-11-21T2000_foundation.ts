import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration describes the schema as it stood on 2026-11-21. Change the schema with a
// new migration, never by editing this one.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('units')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('parent_id', 'text', (c) => c.references('units.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) =>
      c.notNull().check(sql`level in ('tld', 'province', 'district', 'sector', 'base')`),
    )
    .addColumn('block', 'text', (c) => c.check(sql`block in ('administrative', 'business')`))
    .addColumn('decision_suffix', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('units_parent_idx').on('units').column('parent_id').execute();

  await db.schema
    .createTable('members')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('full_name', 'text', (c) => c.notNull())
    .addColumn('gender', 'text', (c) => c.notNull().check(sql`gender in ('male', 'female')`))
    .addColumn('birth_year', 'integer', (c) => c.notNull())
    .addColumn('position', 'text', (c) => c.notNull())
    .addColumn('is_leader', 'boolean', (c) => c.notNull())
    .addColumn('is_direct_worker', 'boolean', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('members_unit_idx').on('members').column('unit_id').execute();

  await db.schema
    .createTable('award_forms')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) =>
      c.notNull().check(sql`subject in ('individual', 'collective', 'both')`),
    )
    .addColumn('deciding_level', 'text', (c) => c.notNull())
    .addColumn('required_documents', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('vote_threshold', sql`numeric(4,3)`, (c) => c.notNull())
    .addColumn('fast_track', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('eligibility', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .execute();

  await db.schema
    .createTable('accounts')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('email', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('nomination_events')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('nomination_id', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull().check(sql`position >= 1`))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'timestamptz', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .addColumn('actor_role', 'text', (c) => c.notNull())
    .addColumn('actor_unit_id', 'text', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('data', 'jsonb', (c) => c.notNull())
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    // The event's identity: a retried append of the same position writes nothing new.
    .addUniqueConstraint('nomination_events_stream_position_uq', ['nomination_id', 'position'])
    .execute();

  // Append-only: the application never changes or removes an event. (A superuser can still bypass this;
  // the hash chain is what makes such an edit visible.)
  await sql`
    create function nomination_events_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'nomination_events is append-only (% refused)', tg_op;
    end $$;
  `.execute(db);
  await sql`
    create trigger nomination_events_no_update_delete
    before update or delete on nomination_events
    for each row execute function nomination_events_append_only();
  `.execute(db);

  await db.schema
    .createTable('nominations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('nominee_name', 'text', (c) => c.notNull())
    .addColumn('award_form_code', 'text', (c) => c.notNull().references('award_forms.code'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('submitting_unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('holding_unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('nominations_holder_idx')
    .on('nominations')
    .columns(['holding_unit_id', 'status'])
    .execute();

  await db.schema
    .createTable('installation_facts')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'jsonb', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'installation_facts',
    'nominations',
    'nomination_events',
    'accounts',
    'award_forms',
    'members',
    'units',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
  await sql`drop function if exists nomination_events_append_only()`.execute(db);
}
