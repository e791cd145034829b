/**
 * What an officer may see: their unit's subtree. Anything outside it is answered as if it did not exist, so that
 * probing ids tells nothing.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { subtreeOf } from '../db/units.js';
import { DomainError } from '../domain/errors.js';
import type { Viewer } from '../domain/viewer.js';

export const notVisible = (what: string): DomainError =>
  new DomainError('NotFound', `${what} does not exist or is not visible to you`);

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
  const row = await db
    .selectFrom('nominations')
    .select('submitting_unit_id')
    .where('id', '=', nominationId)
    .executeTakeFirst();
  const visible = subtree ?? (await subtreeOf(db, viewer.unitId));
  if (row === undefined || !visible.has(row.submitting_unit_id))
    throw notVisible(`Nomination ${nominationId}`);
}

export { subtreeOf };
