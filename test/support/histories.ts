/**
 * Recorded workflow histories: the CI replays every file in test/histories/ through the current workflow code, so a
 * change that would break running nominations fails the build. `RECORD_HISTORIES=1 npm test` (re)records them from
 * the approval-path scenarios; commit new recordings when the workflow gains a path, and never re-record old ones to
 * make a change pass.
 */
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { WorkflowHandle } from '@temporalio/client';
import { loadConfig, projectRoot } from '../../infra/config.js';
import { findTemporalTool } from '../../infra/temporal-tools.js';

export const historiesDir = path.join(projectRoot, 'test', 'histories');

/**
 * Saves the workflow's history in the proto3 JSON form that `temporal workflow show --output json` writes. Its payloads
 * are encrypted under the current payload key (the development key in tests), which the replay decodes; the older
 * recordings here are clear text from before encryption, which the codec passes through.
 */
export async function recordHistory(handle: WorkflowHandle, name: string, address: string): Promise<void> {
  if (process.env.RECORD_HISTORIES !== '1') return;
  const cli = await findTemporalTool('cli', { toolsDir: loadConfig().toolsDir, install: false });
  const { stdout } = await promisify(execFile)(
    cli.path,
    ['workflow', 'show', '--workflow-id', handle.workflowId, '--address', address, '--output', 'json'],
    { maxBuffer: 64 * 1024 * 1024 },
  );
  writeFileSync(path.join(historiesDir, `${name}.json`), stdout);
}
