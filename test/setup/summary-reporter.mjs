// Prints one plain closing line, "Tests: N passed, N failed", after jest's own summary, so that tools reading
// the end of a CI log (which know the plain form, not jest's) can count the run.
export default class SummaryReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    const suiteErrors = results.numRuntimeErrorTestSuites;
    const failed = results.numFailedTests + suiteErrors;
    console.log(
      `\nTests: ${results.numPassedTests} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`,
    );
  }
}
