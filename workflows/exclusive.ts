/**
 * One async section at a time inside a workflow. An update handler that waits on activities must not interleave with
 * another that read the same state (two approvals, two recordings of one review). The wait is a `condition`, so it
 * leaves no command in the history and a replay takes the section in the same order as the run did.
 */
import { condition } from '@temporalio/workflow';

export type ExclusiveSection = <T>(work: () => Promise<T>) => Promise<T>;

/** A section of its own for each workflow run: call it once per run, then wrap each piece of work in it. */
export function exclusiveSection(): ExclusiveSection {
  let busy = false;
  return async <T>(work: () => Promise<T>): Promise<T> => {
    // A loop, not a single wait: several waiters are woken in the same activation, and only the first to run may
    // take the section; the others see it taken and wait again.
    while (busy) await condition(() => !busy);
    busy = true;
    try {
      return await work();
    } finally {
      busy = false;
    }
  };
}
