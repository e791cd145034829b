/**
 * What an officer may see: their unit's subtree. Anything outside it is answered as if it did not exist, so that
 * probing ids tells nothing.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { subtreeOf } from '../db/units.js';
import { DomainError } from '../domain/errors.js';
import type { Viewer } from '../domain/viewer.js';

export const notVisible = (what: string, details: Record<string, unknown> = {}): DomainError =>
  new DomainError('NotFound', `${what} does not exist or is not visible to you`, details);

/** The viewer's subtree, after checking that `unitId` is in it. */
export async function unitInView(db: Kysely<Database>, viewer: Viewer, unitId: string): Promise<Set<string>> {
  const subtree = await subtreeOf(db, viewer.unitId);
  if (!subtree.has(unitId)) throw notVisible(`Unit ${unitId}`);
  return subtree;
}

/** Refuses a nomination that does not exist or was submitted outside `subtree` (the viewer's, when not given). */
export async function nominationInView(
  db: Kysely<Database>,
  viewer: Viewer,
  nominationId: string,
  subtree?: Set<string>,
): Promise<void> {
  if (subtree === undefined) {
    if ((await visibleStatus({ db }, viewer, nominationId)) === undefined)
      throw notVisible(`Nomination ${nominationId}`);
    return;
  }
  const row = await db
    .selectFrom('nominations')
    .select('submitting_unit_id')
    .where('id', '=', nominationId)
    .executeTakeFirst();
  if (row === undefined || !subtree.has(row.submitting_unit_id))
    throw notVisible(`Nomination ${nominationId}`);
}

/** The nomination's status, if the viewer may see it: it was submitted by their unit or a unit below it. */
export async function visibleStatus(
  deps: { db: Kysely<Database> },
  viewer: Viewer,
  nominationId: string,
): Promise<string | undefined> {
  const { rows } = await sql<{ status: string }>`
    with recursive tree as (
      select id from units where id = ${viewer.unitId}
      union all
      select u.id from units u join tree t on u.parent_id = t.id
    )
    select status from nominations
    where id = ${nominationId} and submitting_unit_id in (select id from tree)`.execute(deps.db);
  return rows[0]?.status;
}
