import { sql, type Kysely } from 'kysely';

// Frozen in time (2026-11-22): the codes printed on decisions and certificates, which the public verification page
// looks up, and the reason a revocation decision gives.
//
// - `verification_codes`: one per issued decision (nomination_id null) and one per award it lists. Ten characters of
//   Crockford's base 32 (domain/verification.ts); random, so they live here rather than being derived.
// - `decision_records.reason`: why a revocation decision revokes (printed, and shown on the verification page).

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('verification_codes')
    .addColumn('code', 'text', (c) => c.primaryKey().check(sql`code ~ '^[0-9A-HJKMNP-TV-Z]{10}$'`))
    .addColumn('decision_id', 'uuid', (c) => c.notNull().references('decision_records.id'))
    .addColumn('nomination_id', 'text', (c) => c.references('nominations.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  // One code per paper: the decision's own, and each award's in it.
  await sql`create unique index verification_codes_one_per_paper
    on verification_codes (decision_id, coalesce(nomination_id, ''))`.execute(db);
  await db.schema.alterTable('decision_records').addColumn('reason', 'text').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('decision_records').dropColumn('reason').execute();
  await db.schema.dropTable('verification_codes').execute();
}
