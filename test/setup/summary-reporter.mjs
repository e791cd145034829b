// Prints one plain closing line, "Tests: N passed, N failed", after jest's own summary, so that tools reading
// the end of a CI log (which know the plain form, not jest's) can count the run. On stderr, where jest
// writes its summary, so the two stay in order.
//
// It also fails the run when any test was skipped or left as a todo: `npm test` promises every test, so a test that
// did not run is a failure to see, not a line to overlook. Naming tests with -t (--testNamePattern) skips the others
// on purpose, so such a run only reports them.
import path from 'node:path';

export default class SummaryReporter {
  constructor(globalConfig) {
    this.rootDir = globalConfig.rootDir;
    this.filtered = Boolean(globalConfig.testNamePattern);
    this.error = undefined;
  }

  onRunComplete(_contexts, results) {
    const notRun = [];
    for (const file of results.testResults) {
      for (const test of file.testResults) {
        if (
          test.status === 'pending' ||
          test.status === 'skipped' ||
          test.status === 'todo' ||
          test.status === 'disabled'
        )
          notRun.push(
            `  ${test.status === 'todo' ? 'todo' : 'skipped'}: ${test.fullName} (${path.relative(this.rootDir, file.testFilePath)})`,
          );
      }
    }
    const skipped = results.numPendingTests + results.numTodoTests;
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    const tail = skipped > 0 ? `, ${skipped} skipped` : '';
    const line = `Tests: ${results.numPassedTests} passed, ${failed} failed${tail}`;
    let message = '';
    if (notRun.length > 0 && !this.filtered) {
      message = `\n${notRun.length} test(s) did not run; every test must (a skip or todo fails the run):\n${notRun.join('\n')}\n`;
      this.error = new Error(`${notRun.length} test(s) skipped or todo`);
    }
    // Jest appends its own summary after the custom reporters: print ours last, as the process ends.
    process.once('exit', () => process.stderr.write(`${message}${line}\n`));
  }

  // Jest asks each reporter for an error after the run; one makes the run unsuccessful (exit code 1).
  getLastError() {
    return this.error;
  }
}
