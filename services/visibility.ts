/**
 * What an officer may see: their unit's subtree. Anything outside it is answered as if it did not exist, so that
 * probing ids tells nothing. Each check walks up the tree from the unit asked about (as deep as the tree), never down
 * through the officer's whole subtree (a province's every unit).
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { isWithin } from '../db/units.js';
import { DomainError } from '../domain/errors.js';
import type { Viewer } from '../domain/viewer.js';

export const notVisible = (what: string, details: Record<string, unknown> = {}): DomainError =>
  new DomainError('NotFound', `${what} does not exist or is not visible to you`, details);

/** The unit asked about, after checking it is the viewer's or below it; the viewer's own when none is asked. */
export async function unitInView(
  db: Kysely<Database>,
  viewer: Viewer,
  unitId: string | undefined,
): Promise<string> {
  if (unitId === undefined || unitId === viewer.unitId) return viewer.unitId;
  if (!(await isWithin(db, viewer.unitId, unitId))) throw notVisible(`Unit ${unitId}`, { unitId });
  return unitId;
}

/** Refuses a nomination that does not exist or was submitted outside the viewer's subtree. */
export async function nominationInView(
  db: Kysely<Database>,
  viewer: Viewer,
  nominationId: string,
): Promise<void> {
  if ((await visibleStatus({ db }, viewer, nominationId)) === undefined)
    throw notVisible(`Nomination ${nominationId}`);
}

/** The nomination's status, if the viewer may see it: it was submitted by their unit or a unit below it. */
export async function visibleStatus(
  deps: { db: Kysely<Database> },
  viewer: Viewer,
  nominationId: string,
): Promise<string | undefined> {
  const { rows } = await sql<{ status: string }>`
    with recursive up as (
      select u.id, u.parent_id, 1 as depth
      from nominations n join units u on u.id = n.submitting_unit_id where n.id = ${nominationId}
      union all
      select u.id, u.parent_id, up.depth + 1 from units u join up on u.id = up.parent_id where up.depth < 64
    )
    select status from nominations
    where id = ${nominationId} and exists (select 1 from up where id = ${viewer.unitId})`.execute(deps.db);
  return rows[0]?.status;
}
