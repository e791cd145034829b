import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Worker } from '@temporalio/worker';
import { projectRoot } from '../../infra/config.js';
import {
  readRuntimeFile,
  removeRuntimeFile,
  runtimeFilePath,
  writeRuntimeFile,
  type RuntimeRecord,
} from '../../infra/runtime-file.js';
import { loadFixtureProvince } from '../support/province.js';
import { createTestEnvironment, type TestEnvironment } from '../support/harness.js';
import { generateYear } from '../support/year.js';

const run = promisify(execFile);

// The helper commands beside a running `npm start`: here the "running system" is this run's real PostgreSQL and
// Temporal, recorded in a runtime file the way `npm start` records its own. Every way a command could start servers
// of its own is made to fail loudly (the embedded PostgreSQL's and the dev server's ports are taken, and the Temporal
// CLI points nowhere), so a passing command can only have joined the recorded ones.
describe('helper commands beside a running npm start', () => {
  let env: TestEnvironment;
  let worker: Worker;
  let running: Promise<void>;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'runtime-file-'));
  const config = { dataDir };

  async function command(
    args: string[],
    extra: NodeJS.ProcessEnv = {},
  ): Promise<{ code: number; stdout: string; stderr: string }> {
    // Nothing explicit unless the test says so: DATABASE_URL and TEMPORAL_ADDRESS would win over the record.
    const {
      DATABASE_URL: _url,
      TEMPORAL_ADDRESS: _address,
      TEMPORAL_NAMESPACE: _namespace,
      ...inherited
    } = process.env;
    const childEnv: NodeJS.ProcessEnv = {
      ...inherited,
      DATA_DIR: dataDir,
      PG_PORT: new URL(env.databaseUrl).port,
      TEMPORAL_PORT: env.temporalAddress.split(':').pop(),
      TEMPORAL_CLI: path.join(dataDir, 'no-temporal-cli'),
      ...extra,
    };
    try {
      const { stdout, stderr } = await run('npm', ['run', '--silent', ...args], {
        cwd: projectRoot,
        env: childEnv,
        timeout: 300_000,
        maxBuffer: 32 * 1024 * 1024,
      });
      return { code: 0, stdout, stderr };
    } catch (err) {
      const e = err as { code?: number; stdout?: string; stderr?: string };
      return { code: e.code ?? -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
    }
  }

  /** A process id that no process has any more: a child that has already exited. */
  function deadPid(): number {
    return spawnSync(process.execPath, ['-e', '']).pid;
  }

  function writeRecord(record: RuntimeRecord): void {
    writeFileSync(runtimeFilePath(config), JSON.stringify(record));
  }

  beforeAll(async () => {
    env = await createTestEnvironment('runtimefile');
    await loadFixtureProvince(env.db);
    worker = await env.createWorker();
    running = worker.run();
    await generateYear(env.deps, env.db, 6);
  });

  afterAll(async () => {
    worker.shutdown();
    await running;
    await env.teardown();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('joins the recorded PostgreSQL and Temporal while the process that recorded them runs', async () => {
    // This test process stands for npm start: the record carries its (live) pid.
    const record = writeRuntimeFile(config, {
      databaseUrl: env.databaseUrl,
      temporalAddress: env.temporalAddress,
      namespace: 'default',
    });
    expect(record.pid).toBe(process.pid);
    expect(readRuntimeFile(config)).toEqual({ state: 'running', record });

    // Replay reads the scope's nominations from the database and their histories from Temporal: both recorded.
    const replay = await command(['audit', '--', 'replay', '--year', '2026']);
    expect(replay.stderr).toContain(`PostgreSQL: joining npm start (pid ${process.pid}`);
    expect(replay.stderr).toContain(`Temporal: joining npm start (pid ${process.pid}`);
    expect(replay.stdout).toMatch(/^ĐẠT: /m);
    expect(replay.stdout).toMatch(/│\s*lịch sử\s*│/);
    expect(replay.stdout).toMatch(/│\s*6\s*│\s*0\s*│/); // six histories fetched, none failed
    expect(replay.code).toBe(0);
    // No embedded cluster of its own was made in the data folder, nor left the record behind it removed.
    expect(existsSync(path.join(dataDir, 'postgres'))).toBe(false);
    expect(readRuntimeFile(config).state).toBe('running');

    const verify = await command(['audit', '--', 'verify', '--year', '2026']);
    expect(verify.stdout).toMatch(/^ĐẠT: /m);
    expect(verify.code).toBe(0);
  });

  it('ignores a record whose process is gone, and starts servers of its own as before', async () => {
    writeRecord({
      databaseUrl: env.databaseUrl,
      temporalAddress: env.temporalAddress,
      namespace: 'default',
      pid: deadPid(),
      startedAt: new Date().toISOString(),
    });
    expect(readRuntimeFile(config).state).toBe('stale');
    const listed = await command(['schedules:list']);
    expect(listed.stderr).toMatch(
      /Ignoring .*runtime\.json: the npm start that wrote it \(pid \d+\) is no longer running/,
    );
    expect(listed.stderr).not.toContain('joining');
    // It went on to start its own dev server, which this test's TEMPORAL_CLI makes fail.
    expect(listed.stderr).toContain('TEMPORAL_CLI=');
    expect(listed.code).not.toBe(0);
  });

  it('keeps an explicit DATABASE_URL over the running system’s', async () => {
    const unreachable = new URL(env.databaseUrl);
    unreachable.pathname = '/no_such_database';
    writeRuntimeFile(config, {
      databaseUrl: unreachable.toString(),
      temporalAddress: env.temporalAddress,
      namespace: 'default',
    });
    const verify = await command(['audit', '--', 'verify', '--year', '2026'], {
      DATABASE_URL: env.databaseUrl,
    });
    expect(verify.stderr).toContain('PostgreSQL: DATABASE_URL');
    expect(verify.stdout).toMatch(/^ĐẠT: /m);
    expect(verify.code).toBe(0);
  });

  it('removes only its own record', () => {
    const foreign = {
      ...writeRuntimeFile(config, {
        databaseUrl: env.databaseUrl,
        temporalAddress: env.temporalAddress,
        namespace: 'default',
      }),
      pid: process.ppid,
    };
    writeRecord(foreign);
    removeRuntimeFile(config);
    expect(JSON.parse(readFileSync(runtimeFilePath(config), 'utf8'))).toEqual(foreign);

    writeRuntimeFile(config, { databaseUrl: '', temporalAddress: '', namespace: 'default' });
    removeRuntimeFile(config);
    expect(readRuntimeFile(config)).toEqual({ state: 'absent' });
  });
});
