import { describe, expect, it } from '@jest/globals';
import { describeResult, formatTable, runDrills } from '../drills/drills.js';
import { FIXTURE_BASES_PER_UPPER } from '../support/province.js';

// The reliability drills of `npm run drills` (docs/reliability.md), small: the same processes, clients, faults and
// checks, with a few dozen nominations per drill instead of hundreds, on the tests' small province, PostgreSQL down 8 s instead of 20, so that every `npm test` kills the worker,
// Temporal, PostgreSQL and the API under load and finds nothing lost, doubled or left half-done.
describe('the reliability drills, short form', () => {
  it('loses, doubles and leaves nothing through a killed worker, Temporal, PostgreSQL and API', async () => {
    const lines: string[] = [];
    const run = await runDrills({
      nominations: 32,
      only: ['a', 'b', 'c', 'd'],
      concurrency: 8,
      // A real outage, shorter: long enough for requests to meet it and the pools to lose their connections.
      postgresDownMs: 8_000,
      basesPerUpper: FIXTURE_BASES_PER_UPPER,
      log: (message) => lines.push(message),
    });
    console.log(`${formatTable(run.results)}\n\n${run.results.map(describeResult).join('\n')}`);
    if (!run.passed)
      console.log(`the drills' log:\n${lines.join('\n')}\nkept: ${run.keptDir ?? '(nothing)'}`);
    // Each check by name, so that a failure says which one.
    for (const result of run.results) {
      const f = result.findings;
      expect({
        drill: result.id,
        nominations: f.nominations,
        approved: f.approved,
        missing: f.missing,
        extra: f.extra,
        eventsMissing: f.eventsMissing,
        eventsDoubled: f.eventsDoubled,
        chainFailures: f.chainFailures,
        numberGaps: f.numberGaps,
        mailsTwice: f.mailsTwice,
        mailsLost: f.mailsLost,
        mailsStuck: f.mailsStuck,
        noticesMissing: f.noticesMissing,
        restartsByHand: result.restartsByHand,
        failures: result.failures,
      }).toEqual({
        drill: result.id,
        nominations: 32,
        approved: 32,
        missing: 0,
        extra: 0,
        eventsMissing: 0,
        eventsDoubled: 0,
        chainFailures: 0,
        numberGaps: 0,
        mailsTwice: 0,
        mailsLost: 0,
        mailsStuck: 0,
        noticesMissing: 0,
        restartsByHand: 0,
        failures: [],
      });
    }
    expect(run.results.map((r) => r.id)).toEqual(['a', 'b', 'c', 'd']);
    // Everything the drills started has stopped.
    expect(run.leftovers).toEqual([]);
    expect(run.passed).toBe(true);
  }, 360_000);
});
