import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from '@jest/globals';
import { projectRoot } from '../../infra/config.js';
import { historiesDir } from '../support/histories.js';

const run = promisify(execFile);

/** Runs the replay script in its own process (the SDK's replayer needs its own copy of the protobuf classes). */
async function replay(target: string): Promise<{ code: number; output: string }> {
  try {
    const { stdout } = await run(
      process.execPath,
      ['--import', 'tsx', 'scripts/replay-histories.ts', target],
      {
        cwd: projectRoot,
        timeout: 120_000,
      },
    );
    return { code: 0, output: stdout };
  } catch (err) {
    const e = err as { code?: number; stdout?: string };
    return { code: e.code ?? -1, output: e.stdout ?? '' };
  }
}

// Determinism: every recorded history of a nomination workflow must replay through the current workflow code. A change
// that alters the workflow's commands for existing histories must go behind patched(), or this fails.
describe('recorded nomination histories', () => {
  const files = readdirSync(historiesDir).filter((f) => f.endsWith('.json'));
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'replay-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('replay through the current workflow code without nondeterminism', async () => {
    expect(files.length).toBeGreaterThanOrEqual(6);
    const { code, output } = await replay(historiesDir);
    expect(output).toContain(`replayed ${files.length} histories`);
    expect(output).toContain(`${files.length} passed, 0 failed`);
    expect(code).toBe(0);
  });

  it('a history whose commands the code no longer issues is reported, and fails the run', async () => {
    // Pretend the workflow once called a different activity at this point: the current code would not.
    const original = readFileSync(path.join(historiesDir, 'full-path-approved.json'), 'utf8');
    const altered = original.replace('"name": "reviewNomination"', '"name": "reviewNominationV0"');
    expect(altered).not.toBe(original);
    writeFileSync(path.join(scratch, 'altered.json'), altered);
    const { code, output } = await replay(path.join(scratch, 'altered.json'));
    expect(output).toMatch(/FAIL {2}altered: .*[Nn]ondetermin/);
    expect(code).toBe(1);
  });
});
