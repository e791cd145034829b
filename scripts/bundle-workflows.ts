/**
 * `npm run bundle:workflows -- <file>`: the workflows bundled once, for a deployment's build step. Point the worker at
 * the file with WORKFLOW_BUNDLE and it starts without bundling them again.
 */
import path from 'node:path';
import { writeWorkflowBundle } from '../workers/nomination-worker.js';

const file = process.argv[2];
if (file === undefined || file === '') {
  console.error('usage: npm run bundle:workflows -- <file>   (then WORKFLOW_BUNDLE=<file> for the worker)');
  process.exit(2);
}
await writeWorkflowBundle(path.resolve(file));
console.log(`workflows bundled into ${path.resolve(file)}: set WORKFLOW_BUNDLE to it for the worker`);
