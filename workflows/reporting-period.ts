/**
 * One reporting period (kỳ báo cáo): opened by a Temporal Schedule on a date from configuration, in Vietnam time. It
 * works out who owes which report, tells them, reminds the units still owing some days before the deadline, and at
 * the deadline escalates what is overdue to the head of each upper unit and closes the period.
 */
import { proxyActivities, sleep, workflowInfo } from '@temporalio/workflow';
import type { ReportingActivities } from '../activities/reporting.js';
import { decisionYear } from '../domain/decision-number.js';
import { housekeeping } from './retry-policies.js';

const { openReportingPeriod, remindReportingPeriod, closeReportingPeriod } =
  proxyActivities<ReportingActivities>(housekeeping);

export interface ReportingPeriodInput {
  kind: 'halfYear' | 'year';
  /** Calendar days from opening to the deadline. */
  dueInDays: number;
  /** Calendar days before the deadline that units still owing are reminded. */
  reminderDaysBefore: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export async function reportingPeriodWorkflow(
  input: ReportingPeriodInput,
): Promise<{ reports: number; reminded: number; overdue: number }> {
  const periodId = workflowInfo().workflowId;
  const openedAt = Date.now();
  const dueAt = openedAt + input.dueInDays * DAY_MS;
  const remindAt = dueAt - input.reminderDaysBefore * DAY_MS;
  const { reports } = await openReportingPeriod({
    periodId,
    kind: input.kind,
    year: decisionYear(new Date(openedAt).toISOString()),
    openedAt: new Date(openedAt).toISOString(),
    dueAt: new Date(dueAt).toISOString(),
  });
  if (remindAt > Date.now()) await sleep(remindAt - Date.now());
  const { reminded } = await remindReportingPeriod({ periodId, at: new Date().toISOString() });
  if (dueAt > Date.now()) await sleep(dueAt - Date.now());
  const { overdue } = await closeReportingPeriod({ periodId, at: new Date().toISOString() });
  return { reports, reminded, overdue };
}
