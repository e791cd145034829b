import type { Kysely } from 'kysely';

// Frozen in time (2026-11-22): a member's wish to be kept off the public honour roll (tôn vinh). Personal data is
// published only with consent; the union records a member's refusal, and the roll leaves the member out from then on.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('members')
    .addColumn('honour_roll_opt_out', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('honour_roll_changed_by', 'text')
    .addColumn('honour_roll_changed_at', 'timestamptz')
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('members')
    .dropColumn('honour_roll_opt_out')
    .dropColumn('honour_roll_changed_by')
    .dropColumn('honour_roll_changed_at')
    .execute();
}
