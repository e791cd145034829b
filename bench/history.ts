/**
 * What the engine did for one nomination, read from Temporal's own history: how many events, workflow tasks,
 * activities (and local ones, recorded as markers) and timers, and where the time went between them.
 */
import type { Client } from '@temporalio/client';
import type { google } from '@temporalio/proto';
import proto from '@temporalio/proto';

const T = proto.temporal.api.enums.v1.EventType;

export interface EngineWork {
  events: number;
  workflowTasks: number;
  activities: number;
  localActivities: number;
  timers: number;
  /** Milliseconds, summed over the history. */
  workflowTaskQueued: number;
  workflowTaskOnWorker: number;
  activityQueued: number;
  activityRunning: number;
}

const millis = (t: google.protobuf.ITimestamp | null | undefined): number =>
  Number(t?.seconds ?? 0) * 1000 + Math.floor((t?.nanos ?? 0) / 1e6);

export async function engineWork(client: Client, workflowId: string): Promise<EngineWork> {
  const history = await client.workflow.getHandle(workflowId).fetchHistory();
  const events = history.events ?? [];
  const count = (type: proto.temporal.api.enums.v1.EventType) =>
    events.filter((e) => e.eventType === type).length;
  const at = new Map(events.map((e) => [Number(e.eventId), millis(e.eventTime)]));
  let workflowTaskQueued = 0;
  let workflowTaskOnWorker = 0;
  let activityQueued = 0;
  let activityRunning = 0;
  for (const e of events) {
    const time = millis(e.eventTime);
    if (e.eventType === T.EVENT_TYPE_WORKFLOW_TASK_STARTED)
      workflowTaskQueued +=
        time - (at.get(Number(e.workflowTaskStartedEventAttributes?.scheduledEventId)) ?? time);
    if (e.eventType === T.EVENT_TYPE_WORKFLOW_TASK_COMPLETED)
      workflowTaskOnWorker +=
        time - (at.get(Number(e.workflowTaskCompletedEventAttributes?.startedEventId)) ?? time);
    if (e.eventType === T.EVENT_TYPE_ACTIVITY_TASK_STARTED)
      activityQueued +=
        time - (at.get(Number(e.activityTaskStartedEventAttributes?.scheduledEventId)) ?? time);
    if (e.eventType === T.EVENT_TYPE_ACTIVITY_TASK_COMPLETED)
      activityRunning +=
        time - (at.get(Number(e.activityTaskCompletedEventAttributes?.startedEventId)) ?? time);
  }
  return {
    events: events.length,
    workflowTasks: count(T.EVENT_TYPE_WORKFLOW_TASK_COMPLETED),
    activities: count(T.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED),
    localActivities: count(T.EVENT_TYPE_MARKER_RECORDED),
    timers: count(T.EVENT_TYPE_TIMER_STARTED),
    workflowTaskQueued,
    workflowTaskOnWorker,
    activityQueued,
    activityRunning,
  };
}

/** The mean of each figure over several nominations' histories. */
export function meanWork(works: readonly EngineWork[]): EngineWork {
  const keys = Object.keys(works[0] ?? {}) as (keyof EngineWork)[];
  return Object.fromEntries(
    keys.map((k) => [k, works.reduce((sum, w) => sum + w[k], 0) / Math.max(1, works.length)]),
  ) as unknown as EngineWork;
}
