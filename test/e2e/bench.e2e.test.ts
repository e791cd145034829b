import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from '@jest/globals';
import { projectRoot } from '../../infra/config.js';

// `npm run bench` runs from a checkout and prints its tables. Only that is checked: its figures, taken here at the
// smallest size and beside the other test files, mean nothing and are asserted on nowhere (docs/performance.md holds
// a real run).

const run = promisify(execFile);

describe('npm run bench', () => {
  it('starts its own servers, runs every section and prints each table with figures in it', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env };
    delete env.DATABASE_URL;
    delete env.TEMPORAL_ADDRESS;
    const { stdout } = await run('node', ['--import', 'tsx', 'bench/main.ts', '--smoke'], {
      cwd: projectRoot,
      env,
      timeout: 240_000,
      maxBuffer: 8 * 1024 * 1024,
    });
    for (const title of [
      'FULL PATH',
      'ENGINE WORK PER NOMINATION',
      'HTTP OVERHEAD PER ACTION',
      'A DECISION OF 20 AWARDS',
      'AUDIT VERIFY',
      'REPLAY',
      'READS AS THE PROVINCE GROWS',
    ])
      expect(stdout).toContain(title);
    // A row of each variant at each number of officers, its nominations/s a figure.
    for (const officers of ['1 ', '8 ', '32 ', '32, spread'])
      for (const variant of ['ours', 'bare workflow', 'plain PostgreSQL'])
        expect(stdout).toMatch(new RegExp(`\\| ${officers}\\s*\\| ${variant}[^|]*\\| \\d+\\.\\d`));
    // Every award of the decision approved, and every stream verified clean.
    expect(stdout).toMatch(/issue \(target < 10 s\)\s*\| \d+\.\d\s*\| 20 \/ 20/);
    expect(stdout).toMatch(/audit verify \(0 issues found\)\s*\| \d+/);
    expect(stdout).toMatch(/ours\s*\| \d+\s*\| \d+\.\d\s*\| 0\.0\s*\| \d+\.\d/);
    expect(stdout).toContain('peak memory');
  }, 300_000);
});
