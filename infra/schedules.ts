/**
 * The reporting calendar as Temporal Schedules: the half-yearly and the yearly period each open on a date from
 * configuration, at 08:00 in Vietnam. Applying is idempotent: a schedule that exists is updated to the configuration,
 * one that does not is created. The worker applies them when it starts; `npm run schedules:apply` does it alone.
 */
import { MONTHS, ScheduleNotFoundError, type Client, type ScheduleOptions } from '@temporalio/client';
import { reportingPeriodWorkflow } from '../workflows/reporting-period.js';
import { formatDateTime } from '../messages/format.js';
import type { Config } from './config.js';

export const VIETNAM_TIME_ZONE = 'Asia/Ho_Chi_Minh';

export function scheduleDefinitions(config: Config): ScheduleOptions[] {
  const periods = [
    {
      kind: 'halfYear' as const,
      opens: config.reporting.halfYearOpens,
      note: 'Kỳ báo cáo 6 tháng (phong trào thi đua, khen thưởng)',
    },
    {
      kind: 'year' as const,
      opens: config.reporting.yearOpens,
      note: 'Kỳ báo cáo năm (phong trào thi đua, khen thưởng)',
    },
  ];
  return periods.map(({ kind, opens, note }) => ({
    scheduleId: `reporting-${kind}`,
    spec: {
      calendars: [{ month: MONTHS[opens.month - 1] ?? 'JANUARY', dayOfMonth: opens.day, hour: 8, minute: 0 }],
      timezone: VIETNAM_TIME_ZONE,
    },
    action: {
      type: 'startWorkflow',
      workflowType: reportingPeriodWorkflow,
      workflowId: `reporting-${kind}`,
      taskQueue: config.taskQueue,
      args: [
        {
          kind,
          dueInDays: config.reporting.dueInDays,
          reminderDaysBefore: config.reporting.reminderDaysBefore,
        },
      ],
    },
    memo: { note },
  }));
}

export async function applySchedules(
  client: Client,
  config: Config,
): Promise<{ created: string[]; updated: string[] }> {
  const created: string[] = [];
  const updated: string[] = [];
  for (const definition of scheduleDefinitions(config)) {
    const handle = client.schedule.getHandle(definition.scheduleId);
    try {
      await handle.describe();
      await handle.update((previous) => ({ ...previous, spec: definition.spec, action: definition.action }));
      updated.push(definition.scheduleId);
    } catch (err) {
      if (!(err instanceof ScheduleNotFoundError)) throw err;
      await client.schedule.create(definition);
      created.push(definition.scheduleId);
    }
  }
  return { created, updated };
}

export interface ScheduleListing {
  scheduleId: string;
  nextActionTimes: string[];
}

/** The project's schedules with their next action times, written in Vietnam time. */
export async function listSchedules(client: Client): Promise<ScheduleListing[]> {
  const listings: ScheduleListing[] = [];
  for await (const summary of client.schedule.list()) {
    if (!summary.scheduleId.startsWith('reporting-')) continue;
    const description = await client.schedule.getHandle(summary.scheduleId).describe();
    listings.push({
      scheduleId: summary.scheduleId,
      nextActionTimes: description.info.nextActionTimes.map(vietnamTime),
    });
  }
  return listings.sort((a, b) => a.scheduleId.localeCompare(b.scheduleId));
}

/** e.g. `08:00 01/06/2027`: Vietnam time, as every time a person reads (messages/format.js). */
export function vietnamTime(date: Date): string {
  return formatDateTime(date);
}
