/**
 * Officers' trainings (tập huấn) in an officer's subtree: reading a year's, with the officers not yet trained, and
 * recording that officers attended a course. The rules are domain/training.ts's.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { subtreeOf } from '../db/units.js';
import { vietnamDay } from '../domain/deadlines.js';
import { DomainError } from '../domain/errors.js';
import { heldOnProblems, requireTrainingRecorder, untrainedOfficers } from '../domain/training.js';
import type { Viewer } from '../domain/viewer.js';
import type { ServiceDeps } from './deps.js';

export interface OfficerView {
  accountId: string;
  username: string;
  displayName: string;
  role: string;
  unitId: string;
}

export interface TrainingView extends OfficerView {
  year: number;
  course: string;
  heldOn: string;
  recordedBy: string;
  recordedAt: string;
}

export interface TrainingToRecord {
  year: number;
  course: string;
  heldOn: string;
  /** The officers who attended: accounts of the viewer's subtree. */
  accountIds: string[];
}

/** Trainings with the account each is for. */
const trainingsQuery = (db: Kysely<Database>) =>
  db
    .selectFrom('officer_trainings')
    .innerJoin('accounts', 'accounts.id', 'officer_trainings.account_id')
    .select([
      'accounts.id',
      'accounts.username',
      'accounts.display_name',
      'accounts.role',
      'accounts.unit_id',
      'officer_trainings.year',
      'officer_trainings.course',
      'officer_trainings.recorded_by',
      'officer_trainings.recorded_at',
    ])
    // As text: pg reads a date as local midnight, which is another day in a time zone east of UTC.
    .select(sql<string>`to_char(officer_trainings.held_on, 'YYYY-MM-DD')`.as('held_on'));

type TrainingRow = Awaited<ReturnType<ReturnType<typeof trainingsQuery>['executeTakeFirstOrThrow']>>;

const trainingView = (r: TrainingRow): TrainingView => ({
  accountId: r.id,
  username: r.username,
  displayName: r.display_name,
  role: r.role,
  unitId: r.unit_id,
  year: r.year,
  course: r.course,
  heldOn: r.held_on,
  recordedBy: r.recorded_by,
  recordedAt: r.recorded_at.toISOString(),
});

/** A year's trainings in the viewer's subtree (the current year in Vietnam by default), and who is not yet trained. */
export async function trainingsOfYear(
  deps: ServiceDeps,
  viewer: Viewer,
  year: number = Number(vietnamDay(new Date()).slice(0, 4)),
): Promise<{ year: number; items: TrainingView[]; untrainedOfficers: OfficerView[] }> {
  const subtree = [...(await subtreeOf(deps.db, viewer.unitId))];
  const rows = await trainingsQuery(deps.db)
    .where('accounts.unit_id', 'in', subtree)
    .where('officer_trainings.year', '=', year)
    .orderBy('accounts.unit_id')
    .orderBy('accounts.username')
    .orderBy('officer_trainings.course')
    .execute();
  const accounts = await deps.db
    .selectFrom('accounts')
    .innerJoin('units', 'units.id', 'accounts.unit_id')
    .select(['accounts.id', 'username', 'display_name', 'role', 'unit_id', 'units.level'])
    .where('accounts.unit_id', 'in', subtree)
    .orderBy('unit_id')
    .orderBy('username')
    .execute();
  return {
    year,
    items: rows.map(trainingView),
    untrainedOfficers: untrainedOfficers(accounts, new Set(rows.map((r) => r.id))).map((a) => ({
      accountId: a.id,
      username: a.username,
      displayName: a.display_name,
      role: a.role,
      unitId: a.unit_id,
    })),
  };
}

/**
 * Records that officers of the viewer's subtree attended a course; the same course for the same officer and year
 * again changes nothing. Accounts outside the subtree are refused, and then nothing is recorded.
 */
export async function recordTraining(
  deps: ServiceDeps,
  viewer: Viewer,
  training: TrainingToRecord,
): Promise<TrainingView[]> {
  requireTrainingRecorder(viewer);
  const wrongDay = heldOnProblems(training.heldOn, training.year);
  if (wrongDay.length > 0)
    throw new DomainError(
      'InvalidReference',
      `The course was held on ${training.heldOn}, not in ${training.year}.`,
      { problems: wrongDay },
    );
  const subtree = await subtreeOf(deps.db, viewer.unitId);
  const known = await deps.db
    .selectFrom('accounts')
    .select(['id', 'unit_id'])
    .where('id', 'in', training.accountIds)
    .execute();
  const inSubtree = new Set(known.filter((a) => subtree.has(a.unit_id)).map((a) => a.id));
  const outside = training.accountIds.map((id, i) => ({ id, i })).filter(({ id }) => !inSubtree.has(id));
  if (outside.length > 0)
    throw new DomainError(
      'InvalidReference',
      `${outside.length} of the accounts are not in ${viewer.unitName} or the units below it.`,
      {
        problems: outside.map(({ id, i }) => ({
          field: `accountIds/${i}`,
          problem: `account ${id} does not exist or is outside the caller’s subtree`,
        })),
      },
    );
  await deps.db
    .insertInto('officer_trainings')
    .values(
      training.accountIds.map((id) => ({
        account_id: id,
        year: training.year,
        course: training.course,
        held_on: training.heldOn,
        recorded_by: viewer.username,
      })),
    )
    .onConflict((oc) => oc.columns(['account_id', 'year', 'course']).doNothing())
    .execute();
  const rows = await trainingsQuery(deps.db)
    .where('officer_trainings.account_id', 'in', training.accountIds)
    .where('officer_trainings.year', '=', training.year)
    .where('officer_trainings.course', '=', training.course)
    .orderBy('accounts.username')
    .execute();
  return rows.map(trainingView);
}
