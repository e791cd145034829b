/**
 * Projection rebuild: every read model derived again from the events alone, into a scratch schema, and compared row
 * by row with the live one. After normal operation the difference is empty; a difference means a read model was
 * changed outside the event store (or a projection has a bug), and `swap` replaces the live rows with the rebuilt ones.
 */
import { sql, type Kysely } from 'kysely';
import { readStreams, rowToEvent } from '../db/event-store.js';
import { projectSideEffects, upsertNomination } from '../db/projections.js';
import type { Database } from '../db/schema.js';
import { evolve } from '../domain/nomination/decider.js';
import type { NominationState } from '../domain/nomination/state.js';

/**
 * The read models, with the column that identifies a row. The award history also holds awards from before the system
 * (imported, with no event stream): only the rows of nominations that have events are derived, and only those are
 * compared and replaced.
 */
const readModels = [
  { table: 'nominations', key: 'id', derivedOnly: false },
  { table: 'award_history', key: 'nomination_id', derivedOnly: true },
  { table: 'decisions', key: 'nomination_id', derivedOnly: false },
] as const;

const live = (table: string, key: string, derivedOnly: boolean) =>
  derivedOnly
    ? sql`(select * from ${sql.id('public', table)} where ${sql.ref(key)} in (select nomination_id from nomination_events))`
    : sql`${sql.id('public', table)}`;

export interface TableDiff {
  table: string;
  /** Rows whose content differs, or that only one side has, by key. */
  differing: string[];
}

export interface RebuildResult {
  schema: string;
  streams: number;
  diffs: TableDiff[];
  identical: boolean;
}

export async function rebuildProjections(
  db: Kysely<Database>,
  onProgress: (done: number, total: number) => void = () => undefined,
): Promise<RebuildResult> {
  const schema = `rebuild_${Date.now()}`;
  await sql`create schema ${sql.id(schema)}`.execute(db);
  for (const { table } of readModels) {
    await sql`create table ${sql.id(schema, table)} (like ${sql.id('public', table)} including all)`.execute(
      db,
    );
  }
  const scratch = db.withSchema(schema);
  const ids = (
    await db
      .selectFrom('nomination_events')
      .select('nomination_id')
      .distinct()
      .orderBy('nomination_id')
      .execute()
  ).map((r) => r.nomination_id);
  let done = 0;
  for (let i = 0; i < ids.length; i += 200) {
    const batch = ids.slice(i, i + 200);
    const byStream = await readStreams(db, batch);
    for (const [id, stream] of byStream) {
      let state: NominationState = { status: 'none' };
      for (const row of stream) {
        const event = rowToEvent(row);
        state = evolve(state, event);
        if (state.status !== 'none')
          await projectSideEffects(scratch, { nominationId: id, position: row.position, event }, state);
      }
      const last = stream.at(-1);
      if (state.status !== 'none' && last !== undefined)
        await upsertNomination(scratch, id, { ...state, id }, last.occurred_at.toISOString());
      onProgress(++done, ids.length);
    }
  }
  const diffs: TableDiff[] = [];
  for (const { table, key, derivedOnly } of readModels) {
    const current = live(table, key, derivedOnly);
    const differing = await sql<{ key: string }>`
      select ${sql.ref(key)}::text as key from (
        (select * from ${current} l except select * from ${sql.id(schema, table)})
        union all
        (select * from ${sql.id(schema, table)} except select * from ${current} l2)
      ) d group by ${sql.ref(key)} order by 1`.execute(db);
    diffs.push({ table, differing: differing.rows.map((r) => r.key) });
  }
  return { schema, streams: ids.length, diffs, identical: diffs.every((d) => d.differing.length === 0) };
}

/** Replaces the live read models with the rebuilt ones, in one transaction, then drops the scratch schema. */
export async function swapIn(db: Kysely<Database>, schema: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const { table, key, derivedOnly } of readModels) {
      await (
        derivedOnly
          ? sql`delete from ${sql.id('public', table)} where ${sql.ref(key)} in (select nomination_id from nomination_events)`
          : sql`delete from ${sql.id('public', table)}`
      ).execute(trx);
      await sql`insert into ${sql.id('public', table)} select * from ${sql.id(schema, table)}`.execute(trx);
    }
  });
  await dropScratch(db, schema);
}

export async function dropScratch(db: Kysely<Database>, schema: string): Promise<void> {
  if (!/^rebuild_\d+$/.test(schema)) throw new Error(`not a rebuild schema: ${schema}`);
  await sql`drop schema ${sql.id(schema)} cascade`.execute(db);
}
