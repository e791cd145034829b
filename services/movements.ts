/**
 * Emulation movements (phong trào thi đua) as officers use them: launching one for the unit's subtree (with a warning
 * when it would run alongside others), reading those an officer may see, and registering a unit and its members.
 * Reviews are in services/movement-reviews.ts, the final review's nominations in services/movement-import.ts.
 */
import { randomUUID } from 'node:crypto';
import { WithStartWorkflowOperation } from '@temporalio/client';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { subtreeOf } from '../db/units.js';
import { DomainError } from '../domain/errors.js';
import {
  overlapping,
  planProblems,
  requireMovementOfficer,
  type ExistingMovement,
  type MovementPlan,
} from '../domain/movement.js';
import type { Viewer } from '../domain/viewer.js';
import { launchedUpdate, movementWorkflow } from '../workflows/movement.js';
import type { ServiceDeps } from './deps.js';
import { updateIdFor, uuidFrom } from './ids.js';

/** Days before each review that the units in scope are reminded, unless configured (MOVEMENT_REMINDER_DAYS). */
export const DEFAULT_MOVEMENT_REMINDER_DAYS = 7;

export interface MovementView {
  id: string;
  launchingUnitId: string;
  name: string;
  targetGroup: string;
  startsOn: string;
  endsOn: string;
  criteria: unknown;
  interimReviews: unknown;
  finalReview: string;
  status: 'active' | 'closed';
  scopeSize: number;
}

export interface MovementToLaunch extends MovementPlan {
  /** The units the movement is for; the launching unit's subtree by default. */
  scopeUnitIds?: string[] | undefined;
}

export interface LaunchWarning {
  code: 'OverlappingMovements';
  detail: string;
  movements: { id: string; name: string }[];
}

const movementColumns = (db: Kysely<Database>) =>
  db.selectFrom('movements').select([
    'id',
    'launching_unit_id',
    'name',
    'target_group',
    // As text: pg reads a date as local midnight, which is another day in a time zone east of UTC.
    sql<string>`to_char(starts_on, 'YYYY-MM-DD')`.as('starts_on'),
    sql<string>`to_char(ends_on, 'YYYY-MM-DD')`.as('ends_on'),
    'criteria',
    'interim_reviews',
    sql<string>`to_char(final_review, 'YYYY-MM-DD')`.as('final_review'),
    'status',
    sql<number>`(select count(*)::int from movement_scope s where s.movement_id = movements.id)`.as(
      'scope_size',
    ),
  ]);

type MovementRow = Awaited<ReturnType<ReturnType<typeof movementColumns>['executeTakeFirstOrThrow']>>;

const view = (m: MovementRow): MovementView => ({
  id: m.id,
  launchingUnitId: m.launching_unit_id,
  name: m.name,
  targetGroup: m.target_group,
  startsOn: m.starts_on,
  endsOn: m.ends_on,
  criteria: m.criteria,
  interimReviews: m.interim_reviews,
  finalReview: m.final_review,
  status: m.status,
  scopeSize: m.scope_size,
});

/** What an officer sees of movements: those launched in their subtree, and those with their unit in scope. */
async function visibleMovements(db: Kysely<Database>, viewer: Viewer) {
  const subtree = [...(await subtreeOf(db, viewer.unitId))];
  return movementColumns(db).where((eb) =>
    eb.or([
      eb('launching_unit_id', 'in', subtree),
      eb(
        'id',
        'in',
        eb.selectFrom('movement_scope').select('movement_id').where('unit_id', '=', viewer.unitId),
      ),
    ]),
  );
}

/** A movement the officer may see, or NotFound (the same answer whether it does not exist or is not theirs). */
export async function visibleMovement(
  db: Kysely<Database>,
  viewer: Viewer,
  id: string,
): Promise<MovementView> {
  const movement = await (await visibleMovements(db, viewer)).where('id', '=', id).executeTakeFirst();
  if (movement === undefined)
    throw new DomainError('NotFound', `Movement ${id} does not exist or is not visible to you`, {
      movementId: id,
    });
  return view(movement);
}

export async function listMovements(deps: ServiceDeps, viewer: Viewer): Promise<MovementView[]> {
  const rows = await (await visibleMovements(deps.db, viewer)).orderBy('starts_on', 'desc').execute();
  return rows.map(view);
}

/**
 * Launches a movement for the officer's unit and answers once its workflow has written it. A repeated launch with the
 * same Idempotency-Key finds the same workflow and launches nothing new.
 */
export async function launchMovement(
  deps: ServiceDeps,
  viewer: Viewer,
  launch: MovementToLaunch,
  idempotencyKey?: string,
): Promise<{ movement: MovementView; warnings: LaunchWarning[] }> {
  const unit = { id: viewer.unitId, level: viewer.unitLevel };
  requireMovementOfficer(viewer, unit, 'launch');
  const { scopeUnitIds, ...plan } = launch;
  const problems = planProblems(plan);
  if (problems.length > 0)
    throw new DomainError(
      'InvalidMovement',
      `The movement's plan does not hold together: ${problems.map((p) => p.problem).join('; ')}`,
      { problems },
    );
  const subtree = await subtreeOf(deps.db, viewer.unitId);
  const scope = scopeUnitIds ?? [...subtree];
  const outside = scope.filter((u) => !subtree.has(u));
  if (outside.length > 0)
    throw new DomainError(
      'InvalidMovement',
      `A movement is launched for the unit's own subtree; not for ${outside.join(', ')}.`,
      { problems: [{ field: 'scopeUnitIds', problem: 'units outside the launching unit' }] },
    );
  const existing = await movementColumns(deps.db)
    .where('launching_unit_id', '=', viewer.unitId)
    .where('status', '=', 'active')
    .execute();
  const alongside = overlapping(
    plan,
    existing.map((m): ExistingMovement => ({
      id: m.id,
      name: m.name,
      startsOn: m.starts_on,
      endsOn: m.ends_on,
      status: m.status,
    })),
  );
  const id =
    idempotencyKey === undefined ? randomUUID() : uuidFrom(updateIdFor(viewer.accountId, idempotencyKey));
  await deps.temporal.workflow.executeUpdateWithStart(launchedUpdate, {
    startWorkflowOperation: new WithStartWorkflowOperation(movementWorkflow, {
      workflowId: `movement-${id}`,
      taskQueue: deps.taskQueue,
      workflowIdConflictPolicy: 'USE_EXISTING',
      args: [
        {
          launchingUnit: unit,
          plan,
          scopeUnitIds: scope,
          launchedBy: viewer.username,
          reminderDaysBefore: deps.movementReminderDays ?? DEFAULT_MOVEMENT_REMINDER_DAYS,
        },
      ],
    }),
  });
  const movement = await movementColumns(deps.db).where('id', '=', id).executeTakeFirstOrThrow();
  return {
    movement: view(movement),
    warnings:
      alongside.length === 0
        ? []
        : [
            {
              code: 'OverlappingMovements',
              detail: `The unit already runs ${alongside.length} active movement(s) in this period; seed 004 III.1 asks not to launch many movements at the same time.`,
              movements: alongside.map((m) => ({ id: m.id, name: m.name })),
            },
          ],
  };
}

/**
 * Registers the officer's unit for a movement that covers it (đăng ký thi đua), and those of the given members who
 * belong to the unit; registering again changes nothing. A unit outside the scope finds no such movement.
 */
export async function registerForMovement(
  deps: ServiceDeps,
  viewer: Viewer,
  movementId: string,
  memberIds: readonly string[],
): Promise<{ unitRegistered: true; membersRegistered: number }> {
  const movement = await movementColumns(deps.db)
    .where('id', '=', movementId)
    .where('id', 'in', (eb) =>
      eb.selectFrom('movement_scope').select('movement_id').where('unit_id', '=', viewer.unitId),
    )
    .executeTakeFirst();
  if (movement === undefined)
    throw new DomainError(
      'NotFound',
      `Movement ${movementId} for unit ${viewer.unitId} does not exist or is not visible to you`,
      { movementId },
    );
  const members =
    memberIds.length === 0
      ? []
      : await deps.db
          .selectFrom('members')
          .select('id')
          .where('unit_id', '=', viewer.unitId)
          .where('id', 'in', memberIds)
          .execute();
  if (members.length !== new Set(memberIds).size)
    throw new DomainError('InvalidReference', 'Only members of the unit can be registered by it.', {
      problems: [{ field: 'memberIds', problem: 'contains members of other units' }],
    });
  const year = Number(movement.starts_on.slice(0, 4));
  const row = (memberId: string | null) => ({
    year,
    unit_id: viewer.unitId,
    member_id: memberId,
    movement_id: movement.id,
  });
  await deps.db
    .insertInto('registrations')
    .values([row(null), ...members.map((m) => row(m.id))])
    .onConflict((oc) => oc.doNothing())
    .execute();
  return { unitRegistered: true, membersRegistered: members.length };
}

export interface MovementDetail extends MovementView {
  reviews: {
    kind: 'interim' | 'final';
    on: string;
    results: unknown;
    summary: string;
    recordedBy: string;
    recordedAt: string;
  }[];
  registrations: { units: number; members: number };
  nominationIds: string[];
}

/** A movement with its reviews (scores per unit, ranked), its registrations and the nominations it produced. */
export async function movementDetail(deps: ServiceDeps, viewer: Viewer, id: string): Promise<MovementDetail> {
  const movement = await visibleMovement(deps.db, viewer, id);
  const [reviews, registrations, nominations] = await Promise.all([
    deps.db
      .selectFrom('movement_reviews')
      .select([
        'kind',
        sql<string>`to_char(held_on, 'YYYY-MM-DD')`.as('on'),
        'results',
        'summary',
        'recorded_by',
        'recorded_at',
      ])
      .where('movement_id', '=', movement.id)
      .orderBy('held_on')
      .execute(),
    deps.db
      .selectFrom('registrations')
      .select([
        sql<number>`count(*) filter (where member_id is null)::int`.as('units'),
        sql<number>`count(*) filter (where member_id is not null)::int`.as('members'),
      ])
      .where('movement_id', '=', movement.id)
      .executeTakeFirstOrThrow(),
    deps.db
      .selectFrom('movement_nominations')
      .select(['nomination_id', 'row_number', 'batch_id'])
      .where('movement_id', '=', movement.id)
      .orderBy('batch_id')
      .orderBy('row_number')
      .execute(),
  ]);
  return {
    ...movement,
    reviews: reviews.map((r) => ({
      kind: r.kind,
      on: r.on,
      results: r.results,
      summary: r.summary,
      recordedBy: r.recorded_by,
      recordedAt: r.recorded_at.toISOString(),
    })),
    registrations: { units: registrations.units, members: registrations.members },
    nominationIds: nominations.map((n) => n.nomination_id),
  };
}
