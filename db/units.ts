import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.js';

/** The unit and every unit below it: what an officer of that unit sees, and an auditor's scope. */
export async function subtreeOf(db: Kysely<Database>, unitId: string): Promise<Set<string>> {
  const rows = await sql<{ id: string }>`
    with recursive tree as (
      select id from units where id = ${unitId}
      union all
      select u.id from units u join tree t on u.parent_id = t.id
    )
    select id from tree`.execute(db);
  return new Set(rows.rows.map((r) => r.id));
}
