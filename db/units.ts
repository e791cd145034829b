import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database, UnitTable } from './schema.js';

/** The unit and every unit below it: what an officer of that unit sees, and an auditor's scope. */
export async function subtreeOf(db: Kysely<Database>, unitId: string): Promise<Set<string>> {
  const rows = await sql<{ id: string }>`select id from units where ${inSubtree('id', unitId)}`.execute(db);
  return new Set(rows.rows.map((r) => r.id));
}

/** The condition "`column` names `rootUnitId` or a unit below it", for a query over a subtree. */
export const inSubtree = (
  column: string,
  rootUnitId: string,
): RawBuilder<boolean> => sql<boolean>`${sql.ref(column)} in (
    with recursive tree as (
      select id from units where id = ${rootUnitId}
      union all
      select u.id from units u join tree t on u.parent_id = t.id
    )
    select id from tree)`;

/**
 * Whether `unitId` is `ancestorId` or a unit below it. It walks up from the unit, so it reads as many rows as the tree
 * is deep, where the subtree of a province's officer is every unit of the province.
 */
export async function isWithin(db: Kysely<Database>, ancestorId: string, unitId: string): Promise<boolean> {
  if (ancestorId === unitId) return true;
  const { rows } = await sql<{ found: boolean }>`
    with recursive up as (
      select id, parent_id, 1 as depth from units where id = ${unitId}
      union all
      select u.id, u.parent_id, up.depth + 1 from units u join up on u.id = up.parent_id where up.depth < 64
    )
    select exists (select 1 from up where id = ${ancestorId}) as found`.execute(db);
  return rows[0]?.found === true;
}

export type UnitRow = Pick<UnitTable, 'id' | 'parent_id' | 'level' | 'name' | 'decision_suffix'>;

/**
 * The units on the way up to the root from each of `unitIds` and from the unit of member `memberId`: what a route up
 * the tree needs, read in one query as deep as the tree, not as wide as the province.
 */
export async function unitsAbove(
  db: Kysely<Database>,
  from: { unitIds: string[]; memberId?: string },
): Promise<UnitRow[]> {
  const { rows } = await sql<UnitRow>`
    with recursive up as (
      select id, parent_id, level, name, decision_suffix, 1 as depth from units
      where id = any(${from.unitIds})
        or id = (select unit_id from members where id = ${from.memberId ?? null})
      union
      select u.id, u.parent_id, u.level, u.name, u.decision_suffix, up.depth + 1
      from units u join up on u.id = up.parent_id where up.depth < 64
    )
    select distinct on (id) id, parent_id, level, name, decision_suffix from up`.execute(db);
  return rows;
}
