/**
 * Reporting periods (báo cáo 6 tháng, báo cáo năm): which units owe a report to which upper unit, and the inbox
 * notices that tell them, remind them and escalate what is overdue. Each notice's id is its identity (period, step,
 * recipient), so a retried activity adds nothing.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import {
  emptyCounts,
  ownPlanCounts,
  periodName,
  rollUpReports,
  type LaunchedMovement,
  type ReportFigures,
  type UnitCounts,
  type UnitPlanFacts,
} from '../domain/report.js';
import { formatDateTime } from '../messages/format.js';
import { vi } from '../messages/vi.js';
import { notifyUnits } from './unit-notices.js';
import { vietnamDay } from '../domain/deadlines.js';

export interface OpenPeriodInput {
  periodId: string;
  kind: 'halfYear' | 'year';
  year: number;
  openedAt: string;
  dueAt: string;
}

/**
 * The figures of every unit's report for the period: nominations of the period's year by the unit and its subtree, by
 * form and outcome; the commended individuals (approved, not revoked) and their shares; and the yearly plan
 * indicators (units with a plan, movements reviewed, officers trained). Counted as they stand when the period opens.
 */
export async function prefilledFigures(
  db: Kysely<Database>,
  period: { year: number; openedAt: string },
): Promise<Map<string, ReportFigures>> {
  const openedAt = new Date(period.openedAt);
  const rows = await db
    .selectFrom('nominations')
    .select([
      'submitting_unit_id',
      'award_form_code',
      'status',
      'nominee_kind',
      'is_leader',
      'is_direct_worker',
    ])
    .where('year', '=', period.year)
    .where('created_at', '<=', openedAt)
    .execute();
  const own = new Map<string, UnitCounts>();
  for (const r of rows) {
    const counts = own.get(r.submitting_unit_id) ?? emptyCounts();
    const form = (counts.byForm[r.award_form_code] ??= {});
    form[r.status] = (form[r.status] ?? 0) + 1;
    if (r.status === 'approved' && r.nominee_kind === 'individual') {
      counts.individualsCommended++;
      if (r.is_direct_worker || !r.is_leader) counts.directWorkersOrNonLeaders++;
      if (!r.is_leader) counts.nonLeaders++;
    }
    own.set(r.submitting_unit_id, counts);
  }
  const units = await db.selectFrom('units').select(['id', 'parent_id', 'level']).execute();
  const facts = await planFacts(db, period.year, openedAt);
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
    .execute();
  const accounts = new Map<string, UnitPlanFacts['accounts']>();
  for (const a of accountRows)
    accounts.set(a.unit_id, [
      ...(accounts.get(a.unit_id) ?? []),
      { role: a.role, trained: Boolean(a.trained) },
    ]);
  return { launched, registered: new Set(registrations.map((r) => r.unit_id)), accounts };
}

export function createReportingActivities(db: Kysely<Database>) {
  return {
    /** Opens the period: one report owed by every unit below the TLĐ to the unit directly above it. */
    async openReportingPeriod(input: OpenPeriodInput): Promise<{ reports: number }> {
      await db
        .insertInto('reporting_periods')
        .values({
          id: input.periodId,
          kind: input.kind,
          year: input.year,
          opened_at: input.openedAt,
          due_at: input.dueAt,
          status: 'open',
        })
        .onConflict((oc) => oc.column('id').doNothing())
        .execute();
      const units = await db
        .selectFrom('units')
        .select(['id', 'parent_id', 'level'])
        .where('parent_id', 'is not', null)
        .where('level', '!=', 'tld')
        .execute();
      const owing = units.filter((u): u is typeof u & { parent_id: string } => u.parent_id !== null);
      const figures = await prefilledFigures(db, input);
      for (let i = 0; i < owing.length; i += 500) {
        await db
          .insertInto('reports')
          .values(
            owing.slice(i, i + 500).map((u) => ({
              period_id: input.periodId,
              unit_id: u.id,
              upper_unit_id: u.parent_id,
              status: 'due' as const,
              // Pre-filled from the unit's own data; the unit edits and submits it.
              content: JSON.stringify({ figures: figures.get(u.id) ?? null, notes: '', corrections: {} }),
            })),
          )
          .onConflict((oc) => oc.columns(['period_id', 'unit_id']).doNothing())
          .execute();
      }
      const text = vi.notices.reportOpen({
        period: periodName(input.kind, input.year),
        dueAt: formatDateTime(input.dueAt),
      });
      await notifyUnits(
        db,
        owing.map((u) => ({ unitId: u.id, level: u.level })),
        {
          about: `${input.periodId}:open`,
          kind: 'report-open',
          periodId: input.periodId,
          who: 'officers',
          at: input.openedAt,
          subject: text.subject,
          body: () => text.body,
        },
      );
      return { reports: owing.length };
    },

    /** Reminds the units whose report is still due. */
    async remindReportingPeriod(input: { periodId: string; at: string }): Promise<{ reminded: number }> {
      const due = await db
        .selectFrom('reports')
        .innerJoin('units', 'units.id', 'reports.unit_id')
        .select(['reports.unit_id', 'units.level'])
        .where('period_id', '=', input.periodId)
        .where('status', '=', 'due')
        .execute();
      const text = vi.notices.reportRemind();
      await notifyUnits(
        db,
        due.map((d) => ({ unitId: d.unit_id, level: d.level })),
        {
          about: `${input.periodId}:remind`,
          kind: 'report-remind',
          periodId: input.periodId,
          who: 'officers',
          at: input.at,
          subject: text.subject,
          body: () => text.body,
        },
      );
      return { reminded: due.length };
    },

    /** Marks what is still unsubmitted as overdue, tells the head of each upper unit, and closes the period. */
    async closeReportingPeriod(input: { periodId: string; at: string }): Promise<{ overdue: number }> {
      const overdue = await db
        .updateTable('reports')
        .set({ status: 'overdue' })
        .where('period_id', '=', input.periodId)
        .where('status', '=', 'due')
        .returning(['unit_id', 'upper_unit_id'])
        .execute();
      const uppers = [...new Set(overdue.map((o) => o.upper_unit_id))];
      // The upper units' levels (whom to tell) and the overdue units' names (what to tell them).
      const units =
        overdue.length === 0
          ? []
          : await db
              .selectFrom('units')
              .select(['id', 'level', 'name'])
              .where('id', 'in', [...uppers, ...overdue.map((o) => o.unit_id)])
              .execute();
      const levels = units.filter((u) => uppers.includes(u.id));
      const nameOf = new Map(units.map((u) => [u.id, u.name]));
      await notifyUnits(
        db,
        levels.map((u) => ({ unitId: u.id, level: u.level })),
        {
          about: `${input.periodId}:escalate`,
          kind: 'report-escalate',
          periodId: input.periodId,
          who: 'deciders',
          at: input.at,
          subject: vi.notices.reportOverdue.subject,
          body: (unitId) =>
            vi.notices.reportOverdue.body(
              overdue
                .filter((o) => o.upper_unit_id === unitId)
                .map((o) => nameOf.get(o.unit_id) ?? o.unit_id)
                .join(', '),
            ),
        },
      );
      await db
        .updateTable('reporting_periods')
        .set({ status: 'closed', closed_at: input.at })
        .where('id', '=', input.periodId)
        .execute();
      return { overdue: overdue.length };
    },
  };
}

export type ReportingActivities = ReturnType<typeof createReportingActivities>;
