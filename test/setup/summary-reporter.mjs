// Prints one plain closing line, "Tests: N passed, N failed", after jest's own summary, so that tools reading
// the end of a CI log (which know the plain form, not jest's) can count the run. On stderr, where jest
// writes its summary, so the two stay in order.
export default class SummaryReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    const tail = skipped > 0 ? `, ${skipped} skipped` : '';
    const line = `Tests: ${results.numPassedTests} passed, ${failed} failed${tail}`;
    // Jest appends its own summary after the custom reporters: print ours last, as the process ends.
    process.once('exit', () => process.stderr.write(`${line}\n`));
  }
}
