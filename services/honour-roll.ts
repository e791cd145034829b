/**
 * The public honour roll: every award that stands (approved, not revoked), by year, unit, form and movement, with the
 * achievement it was given for, as the union publishes it; members who asked to be left off are left off. What the
 * roll shows is what a printed certificate shows and the achievement; no identifier of a person.
 */
import { sql } from 'kysely';
import { isWithin, subtreeOf } from '../db/units.js';
import { HONOUR_ROLL_PAGE_MAX, requireConsentRecorder } from '../domain/honour-roll.js';
import type { Viewer } from '../domain/viewer.js';
import type { ServiceDeps } from './deps.js';
import { notVisible } from './visibility.js';

export interface HonourRollQuery {
  year?: number;
  /** Awards of this unit and the units below it (by the unit the nomination came from). */
  unitId?: string;
  formCode?: string;
  movementId?: string;
  limit?: number;
  offset?: number;
}

export interface HonourRollEntry {
  nomineeName: string;
  nomineeKind: 'individual' | 'collective';
  unitName: string;
  formName: string;
  year: number;
  achievement: string;
  decision: { number: string; issuerName: string; issuedAt: string };
}

export interface HonourRollPage {
  items: HonourRollEntry[];
  total: number;
}

export async function honourRoll(deps: ServiceDeps, query: HonourRollQuery): Promise<HonourRollPage> {
  const units = query.unitId === undefined ? undefined : [...(await subtreeOf(deps.db, query.unitId))];
  let base = deps.db
    .selectFrom('award_history as a')
    .innerJoin('nominations as n', 'n.id', 'a.nomination_id')
    .innerJoin('units as s', 's.id', 'a.submitting_unit_id')
    .innerJoin('units as d', 'd.id', 'a.deciding_unit_id')
    .innerJoin('award_forms as f', 'f.code', 'a.form_code')
    .leftJoin('members as m', 'm.id', 'a.member_id')
    .where('a.revoked_at', 'is', null)
    // Left off as they asked: a member's wish not to be published (collectives have no such wish).
    .where((eb) => eb.or([eb('m.honour_roll_opt_out', 'is', null), eb('m.honour_roll_opt_out', '=', false)]));
  if (query.year !== undefined) base = base.where('a.year', '=', query.year);
  if (query.formCode !== undefined) base = base.where('a.form_code', '=', query.formCode);
  if (units !== undefined) base = base.where('a.submitting_unit_id', 'in', units.length > 0 ? units : ['']);
  if (query.movementId !== undefined) {
    const movementId = query.movementId;
    base = base.where((eb) =>
      eb.exists(
        eb
          .selectFrom('movement_nominations as mn')
          .whereRef('mn.nomination_id', '=', 'a.nomination_id')
          .where('mn.movement_id', '=', movementId)
          .select('mn.nomination_id'),
      ),
    );
  }
  const { total } = await base.select((eb) => eb.fn.countAll<string>().as('total')).executeTakeFirstOrThrow();
  const rows = await base
    .select([
      'n.nominee_name',
      'a.nominee_kind',
      's.name as unit_name',
      'f.name as form_name',
      'a.year',
      'a.decision_number',
      'a.approved_at',
      'd.name as issuer_name',
      // The achievement as last written in the dossier (a resubmission may have revised it).
      sql<string>`(select e.data->'dossier'->>'achievement' from nomination_events e
        where e.nomination_id = a.nomination_id and e.type in ('NominationCreated', 'NominationResubmitted')
        order by e.position desc limit 1)`.as('achievement'),
    ])
    .orderBy('a.year', 'desc')
    .orderBy('a.approved_at', 'desc')
    .orderBy('a.nomination_id')
    .limit(Math.min(query.limit ?? 50, HONOUR_ROLL_PAGE_MAX))
    .offset(query.offset ?? 0)
    .execute();
  return {
    total: Number(total),
    items: rows.map((r) => ({
      nomineeName: r.nominee_name,
      nomineeKind: r.nominee_kind === 'collective' ? 'collective' : 'individual',
      unitName: r.unit_name,
      formName: r.form_name,
      year: r.year,
      achievement: r.achievement,
      decision: {
        number: r.decision_number,
        issuerName: r.issuer_name,
        issuedAt: r.approved_at.toISOString(),
      },
    })),
  };
}

/** Whether a member is on the roll, as their unit's officers see it. */
export interface HonourRollConsent {
  memberId: string;
  listed: boolean;
  changedBy: string | null;
  changedAt: string | null;
}

export async function honourRollConsent(
  deps: ServiceDeps,
  viewer: Viewer,
  memberId: string,
): Promise<HonourRollConsent> {
  const member = await visibleMember(deps, viewer, memberId);
  return {
    memberId,
    listed: !member.honour_roll_opt_out,
    changedBy: member.honour_roll_changed_by,
    changedAt: member.honour_roll_changed_at?.toISOString() ?? null,
  };
}

/** Records the member's wish: listed on the public roll, or kept off it. */
export async function recordHonourRollConsent(
  deps: ServiceDeps,
  viewer: Viewer,
  memberId: string,
  listed: boolean,
): Promise<HonourRollConsent> {
  requireConsentRecorder(viewer);
  await visibleMember(deps, viewer, memberId);
  await deps.db
    .updateTable('members')
    .set({
      honour_roll_opt_out: !listed,
      honour_roll_changed_by: viewer.username,
      honour_roll_changed_at: new Date(),
    })
    .where('id', '=', memberId)
    .execute();
  return honourRollConsent(deps, viewer, memberId);
}

async function visibleMember(deps: ServiceDeps, viewer: Viewer, memberId: string) {
  const member = await deps.db
    .selectFrom('members')
    .select(['unit_id', 'honour_roll_opt_out', 'honour_roll_changed_by', 'honour_roll_changed_at'])
    .where('id', '=', memberId)
    .executeTakeFirst();
  if (member === undefined || !(await isWithin(deps.db, viewer.unitId, member.unit_id)))
    throw notVisible(`Member ${memberId}`);
  return member;
}
