import { sql, type Kysely } from 'kysely';

// Frozen in time (2026-11-22): the `nomination_counts` view went unread; quota figures have one reader
// (services/quotas.ts, over award_history), and a second way to count would only drift from it.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's types
export async function up(db: Kysely<any>): Promise<void> {
  await sql`drop view if exists nomination_counts`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
export async function down(db: Kysely<any>): Promise<void> {
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
