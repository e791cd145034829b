/**
 * Reporting periods (báo cáo 6 tháng, báo cáo năm): which units owe a report to which upper unit, and the inbox
 * notices that tell them, remind them and escalate what is overdue. Each notice's id is its identity (period, step,
 * recipient), so a retried activity adds nothing.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { periodName } from '../domain/report.js';
import { prefilledFigures } from '../services/report-figures.js';
import { formatDateTime } from '../messages/format.js';
import { vi } from '../messages/vi.js';
import { notifyUnits } from './unit-notices.js';

export interface OpenPeriodInput {
  periodId: string;
  kind: 'halfYear' | 'year';
  year: number;
  openedAt: string;
  dueAt: string;
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
