import type { Kysely } from 'kysely';

// Frozen in time (2026-11-22): indexes for lookups on officers' hot paths that read a whole table as the province grew
// (measured by `npm run bench`, docs/performance.md). The review asks whether a member (or a unit) registered to
// compete in a year, in any movement or none: the only indexes were partial (movement_id null, or not null), which such
// a query cannot use. The quota rule counted per submitting unit and the reports read a year's nominations by the
// units that submitted them.

const indexes: [name: string, table: string, columns: string[]][] = [
  ['registrations_member_year_idx', 'registrations', ['member_id', 'year']],
  ['registrations_unit_year_idx', 'registrations', ['unit_id', 'year']],
  ['award_history_submitter_idx', 'award_history', ['submitting_unit_id', 'year']],
  ['nominations_year_submitter_idx', 'nominations', ['year', 'submitting_unit_id']],
];

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's types
export async function up(db: Kysely<any>): Promise<void> {
  for (const [name, table, columns] of indexes)
    await db.schema.createIndex(name).on(table).columns(columns).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const [name] of [...indexes].reverse()) await db.schema.dropIndex(name).execute();
}
