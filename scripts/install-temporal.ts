/**
 * `npm run temporal:install`: finds or installs the Temporal CLI and the time-skipping test server (see
 * infra/temporal-tools.ts for the order of search) and prints where they are. `.ci/run` calls this.
 */
import { loadConfig } from '../infra/config.js';
import { findTemporalTool, TemporalToolNotFoundError } from '../infra/temporal-tools.js';

const config = loadConfig();
let failed = false;
for (const tool of ['cli', 'test-server'] as const) {
  try {
    const found = await findTemporalTool(tool, { toolsDir: config.toolsDir, log: (m) => console.log(m) });
    console.log(`${tool}: ${found.path} (via ${found.source})`);
  } catch (err) {
    failed = true;
    console.error(err instanceof TemporalToolNotFoundError ? err.message : err);
  }
}
process.exit(failed ? 1 : 0);
