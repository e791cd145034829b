import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Client } from '@temporalio/client';
import type { Worker } from '@temporalio/worker';
import { sql } from 'kysely';
import { projectRoot } from '../../infra/config.js';
import { loadFixtureProvince } from '../support/province.js';
import { createTestEnvironment, type TestEnvironment } from '../support/harness.js';
import { generateYear, type GeneratedYear } from '../support/year.js';

const run = promisify(execFile);

// The auditors' command line, as an auditor runs it, against the run's real PostgreSQL and Temporal.
describe('npm run audit', () => {
  let env: TestEnvironment;
  let worker: Worker;
  let running: Promise<void>;
  let year: GeneratedYear;
  const out = mkdtempSync(path.join(os.tmpdir(), 'audit-cli-'));

  async function audit(...args: string[]): Promise<{ code: number; stdout: string }> {
    try {
      const { stdout } = await run(process.execPath, ['--import', 'tsx', 'scripts/audit.ts', ...args], {
        cwd: projectRoot,
        env: {
          ...process.env,
          DATABASE_URL: env.databaseUrl,
          TEMPORAL_ADDRESS: env.temporalAddress,
          TEMPORAL_NAMESPACE: 'default',
        },
        timeout: 300_000,
        maxBuffer: 32 * 1024 * 1024,
      });
      return { code: 0, stdout };
    } catch (err) {
      const e = err as { code?: number; stdout?: string };
      return { code: e.code ?? -1, stdout: e.stdout ?? '' };
    }
  }

  beforeAll(async () => {
    env = await createTestEnvironment('auditcli');
    await loadFixtureProvince(env.db);
    worker = await env.createWorker();
    running = worker.run();
    year = await generateYear(env.deps, env.db, 24);
  });

  afterAll(async () => {
    worker.shutdown();
    await running;
    await env.teardown();
    rmSync(out, { recursive: true, force: true });
  });

  it('verify passes on a clean year, with a summary table, and reports its speed', async () => {
    const { code, stdout } = await audit('verify', '--year', '2026');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^ĐẠT: /m);
    expect(stdout).toMatch(/│\s*hồ sơ\s*│/);
    const rate = /│\s*0\s*│[^\n]*?│\s*([\d.]+)\s*│\s*$/m.exec(stdout)?.[1];
    console.log(
      `verify: ${year.ids.length} streams, ${rate ?? '?'} streams/s (from the summary table)\n${stdout}`,
    );
  });

  it('replay fetches the scope’s histories from Temporal and replays them all', async () => {
    // The histories on the server are encrypted (infra/payload-codec.ts): the replay decodes them with the key.
    const raw = new Client({ connection: env.client.connection });
    const history = await raw.workflow.getHandle(year.ids[0] ?? '').fetchHistory();
    const input = history.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads?.[0];
    expect(new TextDecoder().decode(input?.metadata?.encoding ?? new Uint8Array())).toBe('binary/encrypted');
    const { code, stdout } = await audit('replay', '--unit', 'AL', '--year', '2026');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^ĐẠT: /m);
    console.log(`replay:\n${stdout}`);
  });

  it('timeline prints the events of one award, and export writes its JSON and PDF', async () => {
    const id = year.byPath.diploma?.[0] ?? '';
    const timeline = await audit('timeline', id);
    expect(timeline.code).toBe(0);
    expect(timeline.stdout).toContain('NominationApproved');
    // For people: the action in words, the time in Vietnam time, the role by its name; no ISO time.
    expect(timeline.stdout).toContain('Ra quyết định khen thưởng');
    expect(timeline.stdout).toMatch(/│ \d{2}:\d{2} \d{2}\/\d{2}\/\d{4} +│/);
    expect(timeline.stdout).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
    const exported = await audit('export', id, '--out', out);
    expect(exported.code).toBe(0);
    expect(existsSync(path.join(out, `${id}.json`))).toBe(true);
    expect(existsSync(path.join(out, `${id}.pdf`))).toBe(true);
    expect((await audit('timeline', 'nom-00000000-0000-0000-0000-000000000000')).code).toBe(2);
  });

  it('verify fails with exit code 1 and names the tampered stream', async () => {
    const id = year.byPath.certificate?.[0] ?? '';
    await sql`alter table nomination_events disable trigger nomination_events_no_update_delete`.execute(
      env.db,
    );
    await sql`update nomination_events set comment = 'sửa' where nomination_id = ${id} and position = 2`.execute(
      env.db,
    );
    await sql`alter table nomination_events enable trigger nomination_events_no_update_delete`.execute(
      env.db,
    );
    const { code, stdout } = await audit('verify');
    expect(code).toBe(1);
    expect(stdout).toMatch(/^KHÔNG ĐẠT: /m);
    expect(stdout).toContain('hash-mismatch');
    expect(stdout).toContain(id);
  });
});
