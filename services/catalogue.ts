/** The unit tree an officer sees, the members of a unit in it, and the award catalogue. */
import type { UnitBlock, UnitLevel } from '../db/schema.js';
import { subtreeOf } from '../db/units.js';
import type { Viewer } from '../domain/viewer.js';
import type { ServiceDeps } from './deps.js';
import { unitInView } from './visibility.js';

export interface UnitView {
  id: string;
  parentId: string | null;
  name: string;
  level: UnitLevel;
  block: UnitBlock | null;
}

/** The viewer's unit, its subtree and the chain of units above it (so the page can show where nominations go). */
export async function visibleUnits(deps: Pick<ServiceDeps, 'db'>, viewer: Viewer): Promise<UnitView[]> {
  const visible = await subtreeOf(deps.db, viewer.unitId);
  const all = await deps.db.selectFrom('units').selectAll().orderBy('id').execute();
  const byId = new Map(all.map((u) => [u.id, u]));
  for (let up = byId.get(viewer.unitId)?.parent_id ?? null; up !== null; up = byId.get(up)?.parent_id ?? null)
    visible.add(up);
  return all
    .filter((u) => visible.has(u.id))
    .map((u) => ({ id: u.id, parentId: u.parent_id, name: u.name, level: u.level, block: u.block }));
}

export interface MemberView {
  id: string;
  fullName: string;
  position: string;
  isLeader: boolean;
  isDirectWorker: boolean;
}

/** The members (đoàn viên) of a unit in the viewer's subtree. */
export async function membersOf(
  deps: Pick<ServiceDeps, 'db'>,
  viewer: Viewer,
  unitId: string,
): Promise<MemberView[]> {
  await unitInView(deps.db, viewer, unitId);
  const rows = await deps.db
    .selectFrom('members')
    .selectAll()
    .where('unit_id', '=', unitId)
    .orderBy('full_name')
    .execute();
  return rows.map((m) => ({
    id: m.id,
    fullName: m.full_name,
    position: m.position,
    isLeader: m.is_leader,
    isDirectWorker: m.is_direct_worker,
  }));
}

export interface AwardFormView {
  code: string;
  name: string;
  subject: string;
  decidingLevel: string;
  requiredDocuments: string[];
  voteThreshold: number;
  fastTrack: boolean;
  eligibility: unknown;
}

export async function awardForms(deps: Pick<ServiceDeps, 'db'>): Promise<AwardFormView[]> {
  const rows = await deps.db.selectFrom('award_forms').selectAll().orderBy('code').execute();
  return rows.map((f) => ({
    code: f.code,
    name: f.name,
    subject: f.subject,
    decidingLevel: f.deciding_level,
    requiredDocuments: f.required_documents as string[],
    voteThreshold: Number(f.vote_threshold),
    fastTrack: f.fast_track,
    eligibility: f.eligibility,
  }));
}
