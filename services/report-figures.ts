/**
 * The pre-filled figures of periodic reports, counted from the read models: what a unit's report holds when its period
 * opens (the reporting activity stores them), and what the dashboard shows live. The rules that count and roll up are
 * in domain/report.ts; this gathers each unit's facts for them.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import { inSubtree } from '../db/units.js';
import type { Database } from '../db/schema.js';
import { bonusOn, bonusTables } from './bonuses.js';
import { vietnamDay } from '../domain/deadlines.js';
import {
  emptyCounts,
  ownPlanCounts,
  rollUpReports,
  type LaunchedMovement,
  type ReportFigures,
  type UnitCounts,
  type UnitPlanFacts,
} from '../domain/report.js';

/**
 * The figures of every unit's report for the period: nominations of the period's year by the unit and its subtree, by
 * form and outcome; the commended individuals (approved, not revoked) and their shares; and the yearly plan
 * indicators (units with a plan, movements reviewed, officers trained). Counted as they stand when the period opens.
 */
export async function prefilledFigures(
  db: Kysely<Database>,
  period: { year: number; openedAt: string },
  /** Only this unit and the units below it (a dashboard's subtree); every unit when absent (a period's reports). */
  rootUnitId?: string,
): Promise<Map<string, ReportFigures>> {
  const openedAt = new Date(period.openedAt);
  const inTree = (column: string) =>
    rootUnitId === undefined ? sql<boolean>`true` : inSubtree(column, rootUnitId);
  // Counted in SQL, a row per kind of nomination (unit, form, outcome, who, decision day), not a row per nomination:
  // a year of a province's awards is a few thousand kinds where it is a hundred thousand nominations. The decision's
  // day in Vietnam is what the bonus paid depends on (bonusOn).
  const kinds = [
    'submitting_unit_id',
    'award_form_code',
    'status',
    'nominee_kind',
    'is_leader',
    'is_direct_worker',
  ] as const;
  const rows = await db
    .selectFrom('nominations')
    .select((eb) => [
      ...kinds,
      sql<string | null>`to_char(decided_at at time zone 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD')`.as('decided_on'),
      eb.fn.countAll<string>().as('n'),
    ])
    .where('year', '=', period.year)
    .where('created_at', '<=', openedAt)
    .where(inTree('submitting_unit_id'))
    .groupBy([...kinds, 'decided_on'])
    .execute();
  const bonuses = await bonusTables(db);
  const own = new Map<string, UnitCounts>();
  for (const r of rows) {
    const n = Number(r.n);
    const counts = own.get(r.submitting_unit_id) ?? emptyCounts();
    const form = (counts.byForm[r.award_form_code] ??= {});
    form[r.status] = (form[r.status] ?? 0) + n;
    // The bonus each award that stands was paid, at the figures of its decision's date.
    if (r.status === 'approved' && r.decided_on !== null)
      counts.bonusVnd =
        (counts.bonusVnd ?? 0) +
        n *
          (bonusOn(
            bonuses,
            { formCode: r.award_form_code, nomineeKind: r.nominee_kind },
            `${r.decided_on}T12:00:00+07:00`,
          ) ?? 0);
    if (r.status === 'approved' && r.nominee_kind === 'individual') {
      counts.individualsCommended += n;
      if (r.is_direct_worker || !r.is_leader) counts.directWorkersOrNonLeaders += n;
      if (!r.is_leader) counts.nonLeaders += n;
    }
    own.set(r.submitting_unit_id, counts);
  }
  const units = await db
    .selectFrom('units')
    .select(['id', 'parent_id', 'level'])
    .where(inTree('id'))
    .execute();
  const facts = await planFacts(db, period.year, openedAt, inTree);
  const countedOn = vietnamDay(openedAt);
  for (const u of units) {
    const counts = own.get(u.id) ?? emptyCounts();
    counts.plan = ownPlanCounts(
      {
        level: u.level,
        launched: facts.launched.get(u.id) ?? [],
        registered: facts.registered.has(u.id),
        accounts: facts.accounts.get(u.id) ?? [],
      },
      countedOn,
    );
    own.set(u.id, counts);
  }
  return rollUpReports(
    units.map((u) => ({ id: u.id, parentId: u.parent_id })),
    own,
  );
}

/** Per unit: the movements it launched starting in the year, whether it registered, and its trained accounts. */
async function planFacts(
  db: Kysely<Database>,
  year: number,
  openedAt: Date,
  inTree: (column: string) => RawBuilder<boolean>,
): Promise<{
  launched: Map<string, LaunchedMovement[]>;
  registered: Set<string>;
  accounts: Map<string, UnitPlanFacts['accounts']>;
}> {
  const movements = await db
    .selectFrom('movements')
    .select((eb) => {
      const reviews = eb
        .selectFrom('movement_reviews')
        .select('movement_reviews.movement_id')
        .whereRef('movement_reviews.movement_id', '=', 'movements.id')
        .where('movement_reviews.recorded_at', '<=', openedAt);
      return [
        'launching_unit_id',
        // As text: pg reads a date as local midnight, which is another day in a time zone east of UTC.
        sql<string>`to_char(final_review, 'YYYY-MM-DD')`.as('final_review'),
        eb.exists(reviews).as('reviewed'),
        eb.exists(reviews.where('movement_reviews.kind', '=', 'final')).as('final_reviewed'),
      ];
    })
    .where(sql<number>`extract(year from starts_on)::int`, '=', year)
    .where('launched_at', '<=', openedAt)
    .where(inTree('launching_unit_id'))
    .execute();
  const launched = new Map<string, LaunchedMovement[]>();
  for (const m of movements)
    launched.set(m.launching_unit_id, [
      ...(launched.get(m.launching_unit_id) ?? []),
      {
        finalReview: m.final_review,
        reviewed: Boolean(m.reviewed),
        finalReviewed: Boolean(m.final_reviewed),
      },
    ]);
  const registrations = await db
    .selectFrom('registrations')
    .select('unit_id')
    .distinct()
    .where('member_id', 'is', null)
    .where('year', '=', year)
    .where('registered_at', '<=', openedAt)
    .where(inTree('unit_id'))
    .execute();
  const accountRows = await db
    .selectFrom('accounts')
    .select((eb) => [
      'unit_id',
      'role',
      eb
        .exists(
          eb
            .selectFrom('officer_trainings')
            .select('officer_trainings.account_id')
            .whereRef('officer_trainings.account_id', '=', 'accounts.id')
            .where('officer_trainings.year', '=', year)
            .where('officer_trainings.recorded_at', '<=', openedAt),
        )
        .as('trained'),
    ])
    .where('created_at', '<=', openedAt)
    .where(inTree('unit_id'))
    .execute();
  const accounts = new Map<string, UnitPlanFacts['accounts']>();
  for (const a of accountRows)
    accounts.set(a.unit_id, [
      ...(accounts.get(a.unit_id) ?? []),
      { role: a.role, trained: Boolean(a.trained) },
    ]);
  return { launched, registered: new Set(registrations.map((r) => r.unit_id)), accounts };
}
