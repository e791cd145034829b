/**
 * Keeps a Temporal worker running through outages. A worker whose server stays away long enough, or whose start finds
 * Temporal or PostgreSQL down, fails; nobody should have to restart the process by hand for that. The supervisor makes
 * a new connection and worker after a growing pause (1 s doubling to 30 s) until it runs, and stops for good only when
 * asked to (or when a run ends by a shutdown, which is the SDK's answer to SIGINT/SIGTERM).
 */
import type { NativeConnection, Worker } from '@temporalio/worker';

export interface WorkerLog {
  info(message: string): void;
  error(err: unknown, message: string): void;
}

export interface SupervisedWorker {
  /** Resolves when the worker has stopped for good. */
  readonly done: Promise<void>;
  /** The running worker, if one runs now. */
  current(): Worker | undefined;
  /** Shuts the running worker down (draining its tasks) and stops restarting it; one still being made is not waited for. */
  stop(): Promise<void>;
}

export interface WorkerFactory {
  /** Connects to Temporal (and prepares what the worker needs); called again after each failure. */
  connect(): Promise<NativeConnection>;
  create(connection: NativeConnection): Promise<Worker>;
}

const FIRST_PAUSE_MS = 1_000;
const LONGEST_PAUSE_MS = 30_000;

export function superviseWorker(factory: WorkerFactory, log: WorkerLog): SupervisedWorker {
  // An object, not a boolean: stop() changes it while the loop awaits, which flow analysis cannot see.
  const control = { stopping: false };
  const stopped = (): boolean => control.stopping;
  let worker: Worker | undefined;
  let wake: (() => void) | undefined;
  const pause = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  const done = (async () => {
    let pauseMs = FIRST_PAUSE_MS;
    let restarts = 0;
    while (!stopped()) {
      let connection: NativeConnection | undefined;
      try {
        connection = await factory.connect();
        worker = await factory.create(connection);
        if (stopped()) {
          // Made but not yet run: a worker releases its connection only by running and shutting down.
          await worker.runUntil(Promise.resolve());
          break;
        }
        if (restarts > 0) log.info(`worker running again after ${restarts} restart(s)`);
        const running = worker.run();
        pauseMs = FIRST_PAUSE_MS;
        await running;
        // A run that ends without an error was shut down on purpose (our stop, or the SDK's signal handling).
        control.stopping = true;
      } catch (err) {
        if (stopped()) break;
        restarts++;
        log.error(err, `worker failed; starting it again in ${pauseMs / 1000} s`);
      } finally {
        worker = undefined;
        await connection?.close().catch(() => undefined);
      }
      if (stopped()) break;
      await pause(pauseMs);
      pauseMs = Math.min(pauseMs * 2, LONGEST_PAUSE_MS);
    }
  })();

  return {
    done,
    current: () => worker,
    async stop() {
      control.stopping = true;
      wake?.();
      const made = worker;
      // Still connecting or making the worker: nothing runs that could need draining, and that attempt may be retrying
      // against a Temporal that is gone (Ctrl-C stops the dev server too) for many seconds. The loop ends by itself
      // when it returns, closing what it made; the stop does not wait for it.
      if (made === undefined) return;
      if (made.getState() === 'RUNNING') made.shutdown();
      await done;
    },
  };
}
