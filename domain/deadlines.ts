/**
 * Stage deadlines (thời hạn) in working days, Vietnam time. Every stage of a nomination has one; a reminder goes out
 * some working days before it and an escalation after it. Ad-hoc (đột xuất) nominations take a fast track with
 * shorter deadlines (seed 004 III.3). Pure: the decider puts each stage's deadline into its event.
 */

export interface StageTiming {
  deadlineWorkingDays: number;
  reminderWorkingDaysBefore: number;
}

export interface Timing {
  normal: StageTiming;
  fastTrack: StageTiming;
}

export const defaultTiming: Timing = {
  normal: { deadlineWorkingDays: 10, reminderWorkingDaysBefore: 2 },
  fastTrack: { deadlineWorkingDays: 3, reminderWorkingDaysBefore: 1 },
};

/** Vietnam has one time zone and no daylight saving: UTC+7 all year. */
const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;

/** The calendar day in Vietnam (YYYY-MM-DD) of an instant: review dates, deadlines and years are days there. */
export const vietnamDay = (instant: string | number | Date): string =>
  new Date(new Date(instant).getTime() + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
const DAY_MS = 24 * 60 * 60 * 1000;

function isWeekend(utcMs: number): boolean {
  const day = new Date(utcMs + VIETNAM_OFFSET_MS).getUTCDay();
  return day === 0 || day === 6;
}

/** Moves `days` working days (Monday to Friday in Vietnam) forward, or backward for a negative count. */
export function addWorkingDays(iso: string, days: number): string {
  let t = Date.parse(iso);
  if (Number.isNaN(t)) throw new Error(`not a time: ${iso}`);
  const step = days >= 0 ? DAY_MS : -DAY_MS;
  let left = Math.abs(days);
  while (left > 0) {
    t += step;
    if (!isWeekend(t)) left--;
  }
  return new Date(t).toISOString();
}

export function stageDeadline(enteredAt: string, timing: Timing, fastTrack: boolean): string {
  return addWorkingDays(enteredAt, (fastTrack ? timing.fastTrack : timing.normal).deadlineWorkingDays);
}

export function reminderTime(deadline: string, timing: Timing, fastTrack: boolean): string {
  return addWorkingDays(deadline, -(fastTrack ? timing.fastTrack : timing.normal).reminderWorkingDaysBefore);
}
