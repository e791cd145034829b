/**
 * An alert in the log for an activity that keeps failing. Temporal logs each failed attempt at warning level; an
 * operator needs to tell a blip from an outage, so from the fifth attempt on each failure is logged at error level
 * with what failed and why, and a value no retry can fix says so once.
 */
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import type { ActivityInboundCallsInterceptor, ActivityInterceptorsFactory } from '@temporalio/worker';

export const ALERT_FROM_ATTEMPT = 5;

export const activityAlerts: ActivityInterceptorsFactory = () => {
  const inbound: ActivityInboundCallsInterceptor = {
    async execute(input, next) {
      try {
        return await next(input);
      } catch (err) {
        const { info, log } = Context.current();
        const what = {
          activityType: info.activityType,
          workflowId: info.workflowExecution?.workflowId,
          attempt: info.attempt,
          error: err instanceof Error ? err.message : String(err),
        };
        if (err instanceof ApplicationFailure && err.nonRetryable) {
          if (err.type === 'InvalidData') log.error('activity refused a value no retry can store', what);
        } else if (info.attempt >= ALERT_FROM_ATTEMPT) {
          log.error('activity keeps failing: a dependency may be down', what);
        }
        throw err;
      }
    },
  };
  return { inbound };
};
