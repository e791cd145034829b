/** Helpers for integration tests of the approval path, over the demo province on the real servers. */
import { ApplicationFailure } from '@temporalio/common';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import type { Kysely } from 'kysely';
import type { NominationAction } from '../../domain/nomination/commands.js';
import type { Dossier } from '../../domain/nomination/dossier.js';
import type { Actor } from '../../domain/nomination/events.js';
import type { ExistingNomination } from '../../domain/nomination/state.js';
import type { Role } from '../../domain/roles.js';
import type { Database } from '../../db/schema.js';
import { act, createNomination, type NominationServiceDeps } from '../../services/nominations.js';
import type { ActionRequest } from '../../workflows/nomination.js';

export const fullDossier: Dossier = {
  documents: ['coverLetter', 'minutes', 'achievementReport', 'nomineeList'],
  councilVote: { present: 9, inFavour: 9 },
  achievement: 'Hoàn thành xuất sắc nhiệm vụ, có sáng kiến tiết kiệm vật tư',
  theme: null,
  initiative: null,
};

export async function officer(db: Kysely<Database>, username: string): Promise<Actor> {
  const account = await db
    .selectFrom('accounts')
    .select(['username', 'role', 'unit_id'])
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
  return { id: account.username, role: account.role, unitId: account.unit_id };
}

/** An officer of a given role at a given unit, made for the test when the demo has none there. */
export async function officerAt(db: Kysely<Database>, unitId: string, role: Role): Promise<Actor> {
  const username = `${role}.${unitId}`.toLowerCase();
  await db
    .insertInto('accounts')
    .values({
      username,
      password_hash: 'x',
      display_name: username,
      role,
      unit_id: unitId,
      email: `${username}@an-lac.demo`,
    })
    .onConflict((oc) => oc.column('username').doNothing())
    .execute();
  return { id: username, role, unitId };
}

export async function members(
  db: Kysely<Database>,
  unitId: string,
  filter: { leader?: boolean } = {},
): Promise<{ id: string; full_name: string; is_leader: boolean }[]> {
  let q = db.selectFrom('members').select(['id', 'full_name', 'is_leader']).where('unit_id', '=', unitId);
  if (filter.leader !== undefined) q = q.where('is_leader', '=', filter.leader);
  return q.orderBy('id').execute();
}

/** The award history row of a form a member held in a past year (eligibility reads these). */
export function pastAwardRow(memberId: string, unitId: string, formCode: string, year: number) {
  return {
    nomination_id: `past-${memberId}-${formCode}-${year}`,
    nominee_kind: 'individual' as const,
    member_id: memberId,
    nominee_unit_id: unitId,
    submitting_unit_id: unitId,
    deciding_unit_id: 'AL-H01',
    deciding_level: 'district',
    form_code: formCode,
    year,
    theme: 'past',
    is_leader: false,
    is_direct_worker: true,
    decision_number: `${year}/QĐ-LĐLĐ`,
    approved_at: `${year}-12-15T02:00:00Z`,
  };
}

/** The given that a member held a form in past years (eligibility reads the award history). */
export async function givenPastAwards(
  db: Kysely<Database>,
  memberId: string,
  unitId: string,
  formCode: string,
  years: number[],
): Promise<void> {
  if (years.length === 0) return;
  await db
    .insertInto('award_history')
    .values(years.map((year) => pastAwardRow(memberId, unitId, formCode, year)))
    .execute();
}

/** An account's id, for tests that look at what is stored under it (idempotency keys, decisions). */
export async function accountIdOf(db: Kysely<Database>, username: string): Promise<string> {
  const row = await db
    .selectFrom('accounts')
    .select('id')
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function nominate(
  deps: NominationServiceDeps,
  actor: Actor,
  memberId: string,
  awardFormCode: string,
  dossier: Dossier = fullDossier,
): Promise<ExistingNomination> {
  return createNomination(deps, { actor, nominee: { memberId }, awardFormCode, year: 2026, dossier });
}

export function step(
  deps: NominationServiceDeps,
  id: string,
  action: NominationAction,
  request: ActionRequest,
): Promise<ExistingNomination> {
  return act(deps, id, action, request);
}

/** The refusal an update came back with: its code (the failure's type) and message. */
export async function refusalOf(
  promise: Promise<unknown>,
): Promise<{ code: string; message: string; details: unknown }> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) {
      return { code: err.cause.type ?? '', message: err.cause.message, details: err.cause.details?.[0] };
    }
    throw err;
  }
  throw new Error('expected the update to be refused');
}

export async function eventTypes(db: Kysely<Database>, nominationId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('nomination_events')
    .select('type')
    .where('nomination_id', '=', nominationId)
    .orderBy('position')
    .execute();
  return rows.map((r) => r.type);
}

/**
 * Members of a base union who can be put up for the provincial diploma in 2026: registered for the year, not leaders,
 * and given the prerequisite certificates of 2024 and 2025. Ordered by id; at most `limit` of them.
 */
export async function eligibleForDiploma(
  db: Kysely<Database>,
  options: { unitId?: string; limit?: number } = {},
): Promise<string[]> {
  const unitId = options.unitId ?? 'CS0001';
  let query = db
    .selectFrom('members')
    .innerJoin('registrations', 'registrations.member_id', 'members.id')
    .select('members.id')
    .where('members.unit_id', '=', unitId)
    .where('members.is_leader', '=', false)
    .where('registrations.year', '=', 2026)
    .orderBy('members.id');
  if (options.limit !== undefined) query = query.limit(options.limit);
  const ids = (await query.execute()).map((r) => r.id);
  for (const id of ids) await givenPastAwards(db, id, unitId, 'GK-LDLD', [2024, 2025]);
  return ids;
}
