/**
 * Nominations from a movement's final review (tổng kết), proposed by the launching unit's officers: from a list or an
 * Excel file (the template's columns), all rows or none. The rows are read and checked in services/movement-import.ts.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { DomainError } from '../domain/errors.js';
import { requireMovementOfficer } from '../domain/movement.js';
import type { Viewer } from '../domain/viewer.js';
import { actorOf } from '../domain/viewer.js';
import type { ServiceDeps } from './deps.js';
import { sha256, updateIdFor } from './ids.js';
import {
  checkRows,
  createBatch,
  importTemplate,
  readImportFile,
  type NominationRow,
  type RowProblem,
} from './movement-import.js';
import { visibleMovement } from './movements.js';

export interface CreatedBatch {
  batchId: string;
  created: { row: number; nominationId: string }[];
}

/** The Excel template for the movement's nominations, under the movement's name. */
export async function nominationTemplate(
  deps: ServiceDeps,
  viewer: Viewer,
  movementId: string,
): Promise<Buffer> {
  return importTemplate((await visibleMovement(deps.db, viewer, movementId)).name);
}

/** Nominations from a list of rows (numbered from 1). */
export async function proposeNominations(
  deps: ServiceDeps,
  viewer: Viewer,
  movementId: string,
  rows: Omit<NominationRow, 'row'>[],
  idempotencyKey?: string,
): Promise<CreatedBatch> {
  const numbered = rows.map((r, i) => ({ ...r, row: i + 1 }));
  return fromFinalReview(deps, viewer, movementId, numbered, [], idempotencyKey);
}

/** Nominations from an Excel file; rows it cannot read are refused with the others. */
export async function importNominations(
  deps: ServiceDeps,
  viewer: Viewer,
  movementId: string,
  file: Buffer,
  idempotencyKey?: string,
): Promise<CreatedBatch> {
  const { rows, problems } = await readImportFile(file);
  return fromFinalReview(deps, viewer, movementId, rows, problems, idempotencyKey);
}

/** The shared part of both ways in: who may, when, all rows checked, then all created or none. */
async function fromFinalReview(
  deps: ServiceDeps,
  viewer: Viewer,
  movementId: string,
  rows: NominationRow[],
  unreadable: RowProblem[],
  idempotencyKey: string | undefined,
): Promise<CreatedBatch> {
  const movement = await visibleMovement(deps.db, viewer, movementId);
  // Once the unit is the launching one, the viewer's unit level is the launching unit's.
  requireMovementOfficer(
    viewer,
    { id: movement.launchingUnitId, level: viewer.unitLevel },
    'proposeNominations',
  );
  if (!(await finalReviewRecorded(deps.db, movement.id)))
    throw new DomainError(
      'FinalReviewNotRecorded',
      `Nominations come from the final review (tổng kết); record it first (planned on ${movement.finalReview}).`,
      { finalReview: movement.finalReview },
    );
  const actor = actorOf(viewer);
  const checked = await checkRows(
    deps,
    {
      id: movement.id,
      name: movement.name,
      launchingUnitId: movement.launchingUnitId,
      year: Number(movement.startsOn.slice(0, 4)),
    },
    actor,
    rows,
    new Date().toISOString(),
  );
  const problems = [...unreadable, ...checked.problems].sort((a, b) => a.row - b.row);
  if (problems.length > 0)
    throw new DomainError(
      'RowsRefused',
      `${new Set(problems.map((p) => p.row)).size} of ${rows.length} rows are wrong; nothing was created. Correct them and send the whole list again.`,
      { rows: problems },
    );
  // The same list sent again (with the same key, or none) is the same batch: nothing is created twice.
  const batchId =
    idempotencyKey === undefined
      ? sha256(JSON.stringify(rows))
      : updateIdFor(viewer.accountId, idempotencyKey);
  const created = await createBatch(deps, movement.id, batchId, checked.commands);
  return { batchId, created };
}

async function finalReviewRecorded(db: Kysely<Database>, movementId: string): Promise<boolean> {
  const final = await db
    .selectFrom('movement_reviews')
    .select('kind')
    .where('movement_id', '=', movementId)
    .where('kind', '=', 'final')
    .executeTakeFirst();
  return final !== undefined;
}
