/**
 * Every activity with a heartbeat timeout beats while it runs, so that Temporal notices a worker that died (SIGKILL, a
 * machine lost) at the heartbeat timeout, a few seconds, instead of at the start-to-close timeout (up to two minutes),
 * and retries the activity on a live worker at once. An officer's action or a notice caught on a dead worker is then
 * late by seconds, not minutes. Most activities end before their first beat is due, so they cost the engine nothing.
 */
import type { ActivityInterceptorsFactory } from '@temporalio/worker';

/** A third of the timeout: two beats may be lost or late (a busy event loop) before Temporal gives up on the worker. */
const BEATS_PER_TIMEOUT = 3;

export const activityHeartbeats: ActivityInterceptorsFactory = (ctx) => ({
  inbound: {
    async execute(input, next) {
      const timeoutMs = ctx.info.heartbeatTimeoutMs;
      if (timeoutMs === undefined || timeoutMs <= 0) return next(input);
      const beat = setInterval(() => ctx.heartbeat(), timeoutMs / BEATS_PER_TIMEOUT);
      try {
        return await next(input);
      } finally {
        clearInterval(beat);
      }
    },
  },
});
