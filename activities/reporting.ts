/**
 * Reporting periods (báo cáo 6 tháng, báo cáo năm): which units owe a report to which upper unit, and the inbox
 * notices that tell them, remind them and escalate what is overdue. Each notice's id is its identity (period, step,
 * recipient), so a retried activity adds nothing.
 */
import type { Insertable, Kysely } from 'kysely';
import type { Database, NotificationTable, UnitLevel } from '../db/schema.js';
import { emptyCounts, rollUpReports, type ReportFigures, type UnitCounts } from '../domain/report.js';
import { deciderRoles, officerRoles } from '../domain/roles.js';

export interface OpenPeriodInput {
  periodId: string;
  kind: 'halfYear' | 'year';
  year: number;
  openedAt: string;
  dueAt: string;
}

const periodName = (kind: 'halfYear' | 'year', year: number): string =>
  kind === 'halfYear' ? `6 tháng đầu năm ${year}` : `năm ${year}`;

async function notifyUnits(
  db: Kysely<Database>,
  periodId: string,
  step: string,
  units: { unitId: string; level: UnitLevel }[],
  who: 'officers' | 'deciders',
  at: string,
  subject: string,
  body: (unitId: string) => string,
): Promise<number> {
  const rows: Insertable<NotificationTable>[] = [];
  for (const unit of units) {
    const roles = who === 'officers' ? officerRoles(unit.level) : deciderRoles(unit.level);
    if (roles.length === 0) continue;
    const accounts = await db
      .selectFrom('accounts')
      .select(['id'])
      .where('unit_id', '=', unit.unitId)
      .where('role', 'in', [...roles])
      .execute();
    for (const a of accounts) {
      rows.push({
        id: `${periodId}:${step}:${unit.unitId}:${a.id}`,
        nomination_id: null,
        period_id: periodId,
        kind: `report-${step}`,
        recipient_account_id: a.id,
        recipient_unit_id: unit.unitId,
        subject,
        body: body(unit.unitId),
        email: null,
        email_status: 'none',
        created_at: at,
      });
    }
  }
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto('notifications')
      .values(rows.slice(i, i + 500))
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
  }
  return rows.length;
}

/**
 * The figures of every unit's report for the period: nominations of the period's year by the unit and its subtree, by
 * form and outcome; the commended individuals (approved, not revoked) and their shares. Counted as they stand when the
 * period opens.
 */
export async function prefilledFigures(
  db: Kysely<Database>,
  period: { year: number; openedAt: string },
): Promise<Map<string, ReportFigures>> {
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
    .where('created_at', '<=', new Date(period.openedAt))
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
  const units = await db.selectFrom('units').select(['id', 'parent_id']).execute();
  return rollUpReports(
    units.map((u) => ({ id: u.id, parentId: u.parent_id })),
    own,
  );
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
              content: JSON.stringify({ figures: figures.get(u.id) ?? null, notes: '' }),
            })),
          )
          .onConflict((oc) => oc.columns(['period_id', 'unit_id']).doNothing())
          .execute();
      }
      const name = periodName(input.kind, input.year);
      await notifyUnits(
        db,
        input.periodId,
        'open',
        owing.map((u) => ({ unitId: u.id, level: u.level })),
        'officers',
        input.openedAt,
        `Mở kỳ báo cáo thi đua, khen thưởng ${name}`,
        () => `Đơn vị gửi báo cáo ${name} lên công đoàn cấp trên trước ${input.dueAt}.`,
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
      await notifyUnits(
        db,
        input.periodId,
        'remind',
        due.map((d) => ({ unitId: d.unit_id, level: d.level })),
        'officers',
        input.at,
        'Sắp đến hạn gửi báo cáo thi đua, khen thưởng',
        () => 'Báo cáo của đơn vị chưa được gửi; hạn gửi sắp đến.',
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
      const levels =
        uppers.length === 0
          ? []
          : await db.selectFrom('units').select(['id', 'level']).where('id', 'in', uppers).execute();
      await notifyUnits(
        db,
        input.periodId,
        'escalate',
        levels.map((u) => ({ unitId: u.id, level: u.level })),
        'deciders',
        input.at,
        'Đơn vị cấp dưới quá hạn gửi báo cáo thi đua, khen thưởng',
        (unitId) =>
          `Các đơn vị chưa gửi báo cáo: ${overdue
            .filter((o) => o.upper_unit_id === unitId)
            .map((o) => o.unit_id)
            .join(', ')}.`,
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
