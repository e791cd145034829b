import { sql, type Kysely } from 'kysely';

// Frozen in time (2026-11-22): the e-mail outbox never loses a mail silently. An e-mail claimed (`sending`) whose
// attempt died before it was marked `sent` is found by a sweep and marked `unknown` (SMTP may or may not have taken
// it, so it is not sent again on its own); an operator then marks it sent or re-queues it. The claim records when and
// which attempt it was, the last failure is kept, and so is who resolved a mail and when.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's types
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table notifications drop constraint notifications_email_status_check`.execute(db);
  await sql`
    alter table notifications add constraint notifications_email_status_check
      check (email_status in ('none', 'pending', 'sending', 'sent', 'failed', 'unknown'))
  `.execute(db);
  await db.schema
    .alterTable('notifications')
    // When the current (or last) claim was taken: the sweep's clock for an interrupted send.
    .addColumn('email_claimed_at', 'timestamptz')
    .addColumn('email_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('email_error', 'text')
    // Set when an operator re-queues a mail: the worker's sweep sends those (the activity that made it has ended).
    .addColumn('email_requeued_at', 'timestamptz')
    .addColumn('email_resolved_by', 'text')
    .addColumn('email_resolved_at', 'timestamptz')
    .execute();
  // The sweep and the operators' list look only at mails not settled yet: a small partial index.
  await sql`
    create index notifications_outbox_idx on notifications (email_status, created_at)
      where email_status in ('pending', 'sending', 'unknown', 'failed')
  `.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists notifications_outbox_idx`.execute(db);
  // An unknown mail was `sending` before this migration existed: that is what it goes back to.
  await sql`update notifications set email_status = 'sending' where email_status = 'unknown'`.execute(db);
  await sql`alter table notifications drop constraint notifications_email_status_check`.execute(db);
  await sql`
    alter table notifications add constraint notifications_email_status_check
      check (email_status in ('none', 'pending', 'sending', 'sent', 'failed'))
  `.execute(db);
  for (const column of [
    'email_resolved_at',
    'email_resolved_by',
    'email_requeued_at',
    'email_error',
    'email_attempts',
    'email_claimed_at',
  ])
    await db.schema.alterTable('notifications').dropColumn(column).execute();
}
