import { sql, type Kysely } from 'kysely';

// Frozen in time (2026-11-21): the approval path's read models, decision numbers, quota rules, registrations and
// notifications.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's types
export async function up(db: Kysely<any>): Promise<void> {
  // The nominations read model grows to what officers look at: the route, the decision, the deadline.
  await db.schema
    .alterTable('nominations')
    .addColumn('nominee_kind', 'text', (c) => c.notNull().defaultTo('individual'))
    .addColumn('nominee_member_id', 'text')
    .addColumn('nominee_unit_id', 'text')
    .addColumn('is_leader', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('is_direct_worker', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('route', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('deciding_unit_id', 'text')
    .addColumn('decision_number', 'text')
    .addColumn('decided_at', 'timestamptz')
    .addColumn('stage_entered_at', 'timestamptz')
    .addColumn('deadline_at', 'timestamptz')
    .addColumn('fast_track', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('return_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('theme', 'text')
    .execute();
  await db.schema
    .createIndex('nominations_year_form_idx')
    .on('nominations')
    .columns(['year', 'award_form_code'])
    .execute();

  // Each person's (or collective's) award history: what eligibility and the no-double-award rule read, and the
  // figures quota checks count. A revocation keeps the row and marks it.
  await db.schema
    .createTable('award_history')
    .addColumn('nomination_id', 'text', (c) => c.primaryKey())
    .addColumn('nominee_kind', 'text', (c) => c.notNull())
    .addColumn('member_id', 'text')
    .addColumn('nominee_unit_id', 'text', (c) => c.notNull())
    .addColumn('submitting_unit_id', 'text', (c) => c.notNull())
    .addColumn('deciding_unit_id', 'text', (c) => c.notNull())
    .addColumn('deciding_level', 'text', (c) => c.notNull())
    .addColumn('form_code', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('theme', 'text')
    .addColumn('is_leader', 'boolean', (c) => c.notNull())
    .addColumn('is_direct_worker', 'boolean', (c) => c.notNull())
    .addColumn('decision_number', 'text', (c) => c.notNull())
    .addColumn('approved_at', 'timestamptz', (c) => c.notNull())
    .addColumn('revoked_at', 'timestamptz')
    .execute();
  await db.schema
    .createIndex('award_history_member_idx')
    .on('award_history')
    .columns(['member_id', 'year'])
    .execute();
  await db.schema
    .createIndex('award_history_decider_idx')
    .on('award_history')
    .columns(['deciding_unit_id', 'year'])
    .execute();

  // Decision numbers: gap-free per deciding unit and year. The counter row is taken in the approval's transaction,
  // so a rolled-back approval gives its number back.
  await db.schema
    .createTable('decision_counters')
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('last_sequence', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('decision_counters_pk', ['unit_id', 'year'])
    .execute();
  await db.schema
    .createTable('decisions')
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('sequence', 'integer', (c) => c.notNull())
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('nomination_id', 'text', (c) => c.notNull().unique())
    .addColumn('decided_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('decisions_pk', ['unit_id', 'year', 'sequence'])
    .execute();

  // Quota rules as data (domain/quota.ts describes the shapes).
  await db.schema
    .createTable('quota_rules')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('rule', 'jsonb', (c) => c.notNull())
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .execute();

  // Registration to compete (đăng ký thi đua) for a year: of a member, or of a unit (member_id null).
  await db.schema
    .createTable('registrations')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('member_id', 'text', (c) => c.references('members.id'))
    .addColumn('registered_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create unique index registrations_member_uq on registrations (year, member_id) where member_id is not null`.execute(
    db,
  );
  await sql`create unique index registrations_unit_uq on registrations (year, unit_id) where member_id is null`.execute(
    db,
  );

  // The in-app inbox and the e-mail outbox, one row per recipient of a notification. The id is the notification's
  // identity (nomination, position, recipient), so a retried activity adds nothing; email_status makes each e-mail
  // go at most once ('sending' is written before the send).
  await db.schema
    .createTable('notifications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('nomination_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('recipient_account_id', 'uuid', (c) => c.notNull().references('accounts.id'))
    .addColumn('recipient_unit_id', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('email', 'text')
    .addColumn('email_status', 'text', (c) =>
      c.notNull().check(sql`email_status in ('none', 'pending', 'sending', 'sent', 'failed')`),
    )
    .addColumn('email_sent_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('read_at', 'timestamptz')
    .execute();
  await db.schema
    .createIndex('notifications_recipient_idx')
    .on('notifications')
    .columns(['recipient_account_id', 'created_at'])
    .execute();

  // Counts for quotas and reports, per unit, year, form and category, derived from the nominations read model.
  await sql`
    create view nomination_counts as
    select submitting_unit_id as unit_id, deciding_unit_id, year, award_form_code as form_code, status,
           nominee_kind, count(*)::int as total,
           count(*) filter (where is_direct_worker or not is_leader)::int as direct_or_non_leader,
           count(*) filter (where not is_leader)::int as non_leader,
           count(*) filter (where is_leader)::int as leaders
    from nominations
    group by submitting_unit_id, deciding_unit_id, year, award_form_code, status, nominee_kind
  `.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop view if exists nomination_counts`.execute(db);
  for (const table of [
    'notifications',
    'registrations',
    'quota_rules',
    'decisions',
    'decision_counters',
    'award_history',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
  for (const column of [
    'nominee_kind',
    'nominee_member_id',
    'nominee_unit_id',
    'is_leader',
    'is_direct_worker',
    'route',
    'deciding_unit_id',
    'decision_number',
    'decided_at',
    'stage_entered_at',
    'deadline_at',
    'fast_track',
    'return_count',
    'theme',
  ]) {
    await db.schema.alterTable('nominations').dropColumn(column).execute();
  }
}
