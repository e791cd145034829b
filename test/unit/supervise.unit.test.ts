import { describe, expect, it } from '@jest/globals';
import type { NativeConnection, Worker } from '@temporalio/worker';
import { superviseWorker } from '../../workers/supervise.js';

const quiet = { info: () => undefined, error: () => undefined };

describe('the worker supervisor', () => {
  it('stops at once while the worker is still being made, and closes what that attempt made when it returns', async () => {
    let closed = 0;
    let finishCreate: ((worker: Worker) => void) | undefined;
    const ranUntil: unknown[] = [];
    const supervised = superviseWorker(
      {
        connect: () =>
          Promise.resolve({
            close: () => {
              closed++;
              return Promise.resolve();
            },
          } as unknown as NativeConnection),
        // Making a worker against a Temporal that went away retries for many seconds: here, until the test lets it end.
        create: () => new Promise<Worker>((resolve) => (finishCreate = resolve)),
      },
      quiet,
    );
    await new Promise((r) => setTimeout(r, 10));
    expect(finishCreate).toBeDefined();

    // Resolves although the attempt has not returned: nothing runs that would need draining.
    await supervised.stop();
    expect(supervised.current()).toBeUndefined();

    // The attempt ends later: its worker is never run for work, and its connection is closed.
    finishCreate?.({
      getState: () => 'INITIALIZED',
      runUntil: (p: Promise<unknown>) => {
        ranUntil.push(p);
        return p;
      },
    } as unknown as Worker);
    await supervised.done;
    expect(ranUntil).toHaveLength(1);
    expect(closed).toBe(1);
  });

  it('drains a running worker before its stop resolves', async () => {
    let shutdowns = 0;
    let endRun: (() => void) | undefined;
    const worker = {
      getState: () => 'RUNNING',
      run: () => new Promise<void>((resolve) => (endRun = resolve)),
      shutdown: () => {
        shutdowns++;
        // The SDK ends the run once the tasks in flight have finished.
        setTimeout(() => endRun?.(), 20);
      },
    } as unknown as Worker;
    const supervised = superviseWorker(
      {
        connect: () => Promise.resolve({ close: () => Promise.resolve() } as unknown as NativeConnection),
        create: () => Promise.resolve(worker),
      },
      quiet,
    );
    await new Promise((r) => setTimeout(r, 10));
    expect(supervised.current()).toBe(worker);
    let stopped = false;
    const stopping = supervised.stop().then(() => (stopped = true));
    await new Promise((r) => setTimeout(r, 5));
    expect(stopped).toBe(false);
    await stopping;
    expect(shutdowns).toBe(1);
    expect(stopped).toBe(true);
  });
});
