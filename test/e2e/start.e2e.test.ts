import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from '@jest/globals';
import getPort from 'get-port';
import { projectRoot } from '../../infra/config.js';
import { readRuntimeFile, runtimeFilePath } from '../../infra/runtime-file.js';

// `npm start` as a person runs it: a fresh data folder, everything embedded, then Ctrl-C (SIGINT to the whole
// process group, as a terminal sends it), then a second start that must find its data again.

interface Started {
  child: ChildProcess;
  output: () => string;
  wallSeconds: number;
}

const dataDir = path.join(os.tmpdir(), `thidua-e2e-${process.pid}-${Date.now()}`);
// Reachable by the `postgres` user that PostgreSQL runs as when the tests run as root.
mkdirSync(dataDir, { recursive: true, mode: 0o755 });

const ports = { api: await getPort(), pg: await getPort(), temporal: await getPort(), ui: await getPort() };
const env: NodeJS.ProcessEnv = {
  ...process.env,
  DATA_DIR: dataDir,
  API_PORT: String(ports.api),
  PG_PORT: String(ports.pg),
  TEMPORAL_PORT: String(ports.temporal),
  TEMPORAL_UI_PORT: String(ports.ui),
  LOG_FORMAT: 'json',
};
delete env.DATABASE_URL;
delete env.TEMPORAL_ADDRESS;
// As a fresh machine runs it: the worker bundles the workflows from the sources (the other tests share one bundle).
delete env.WORKFLOW_BUNDLE;
const api = `http://127.0.0.1:${ports.api}`;

async function start(): Promise<Started> {
  const began = performance.now();
  const child = spawn('npm', ['start'], {
    cwd: projectRoot,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout.on('data', (c: Buffer) => (text += c.toString('utf8')));
  child.stderr.on('data', (c: Buffer) => (text += c.toString('utf8')));
  const deadline = Date.now() + 180_000;
  while (!text.includes('Ctrl-C stops everything')) {
    if (child.exitCode !== null) throw new Error(`npm start exited (${child.exitCode}):\n${text}`);
    if (Date.now() > deadline) throw new Error(`npm start was not ready in time:\n${text}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { child, output: () => text, wallSeconds: (performance.now() - began) / 1000 };
}

/**
 * Ctrl-C: SIGINT to the whole process group, as a terminal sends it, then wait until every process of the
 * group has gone. npm itself dies of the signal; what matters is that the system behind it stops in order.
 */
async function interrupt(started: Started): Promise<void> {
  const pid = started.child.pid;
  if (pid === undefined) throw new Error('no pid');
  process.kill(-pid, 'SIGINT');
  if (!(await waitUntil(() => !groupAlive(pid), 30_000)))
    throw new Error(`still running after SIGINT:\n${started.output()}`);
}

/** Processes whose command line names our data folder: the embedded PostgreSQL and the Temporal dev server. */
function processesUsingDataDir(): string[] {
  const found: string[] = [];
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
      if (cmdline.includes(dataDir)) found.push(`${pid}: ${cmdline}`);
    } catch {
      // the process ended while we looked
    }
  }
  return found;
}

function groupAlive(pid: number | undefined): boolean {
  if (pid === undefined) return false;
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitUntil(check: () => boolean, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return check();
}

describe('npm start on a fresh data folder', () => {
  let running: Started | undefined;
  afterAll(async () => {
    if (running !== undefined && groupAlive(running.child.pid)) await interrupt(running);
    rmSync(dataDir, { recursive: true, force: true });
  });

  let nominationId = '';
  let nomineeName = '';
  let token = '';

  it('brings the whole system up, prints its URLs and demo logins, and answers healthy', async () => {
    running = await start();
    const out = running.output();
    expect(out).toContain(`${api}/api/health`);
    expect(out).toContain(`${api}/api/docs`);
    expect(out).toContain(`http://127.0.0.1:${ports.ui}`);
    expect(out).toMatch(/cs\.h01\.canbo\s+base_officer/);
    const health = await fetch(`${api}/api/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ postgres: { status: 'up' }, temporal: { status: 'up' } });
    const ui = await fetch(`http://127.0.0.1:${ports.ui}/`);
    expect(ui.status).toBe(200);

    const login = await fetch(`${api}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'cs.h01.canbo', password: 'demo-2026' }),
    });
    expect(login.status).toBe(200);
    token = ((await login.json()) as { token: string }).token;
    const created = await fetch(`${api}/api/nominations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        nominee: { memberId: 'DV000003' },
        awardFormCode: 'GK-LDLD',
        year: 2026,
        dossier: {
          documents: ['coverLetter', 'minutes', 'achievementReport', 'nomineeList'],
          councilVote: { present: 9, inFavour: 8 },
          achievement: 'Hoàn thành xuất sắc nhiệm vụ',
          theme: null,
          initiative: null,
        },
      }),
    });
    expect(created.status).toBe(201);
    const body = (await created.json()) as { id: string; nomineeName: string };
    nominationId = body.id;
    nomineeName = body.nomineeName;
  });

  it('records where its servers listen, and a helper command started beside it joins them', async () => {
    const recorded = readRuntimeFile({ dataDir });
    if (recorded.state !== 'running') throw new Error(`runtime file: ${recorded.state}`);
    expect(recorded.record.databaseUrl).toContain(`@127.0.0.1:${ports.pg}/`);
    expect(recorded.record.temporalAddress).toBe(`127.0.0.1:${ports.temporal}`);
    // A second embedded PostgreSQL on the same folder and port is what this used to try, and fail at.
    const { stdout, stderr } = await promisify(execFile)(
      'npm',
      ['run', '--silent', 'audit', '--', 'verify'],
      {
        cwd: projectRoot,
        env,
        timeout: 120_000,
      },
    );
    expect(stderr).toContain(`PostgreSQL: joining npm start (pid ${recorded.record.pid}`);
    expect(stdout).toMatch(/^ĐẠT: /m);
  });

  it('stops every process it started on Ctrl-C', async () => {
    if (running === undefined) throw new Error('not started');
    expect(processesUsingDataDir().length).toBeGreaterThanOrEqual(2); // PostgreSQL and Temporal, while running
    await interrupt(running);
    // The orderly shutdown ran to its end (API, worker, Temporal, PostgreSQL), and nothing is left behind.
    expect(running.output()).toMatch(/"msg":"stopped"/);
    expect(processesUsingDataDir()).toEqual([]);
    expect(existsSync(runtimeFilePath({ dataDir }))).toBe(false);
    running = undefined;
  });

  it('finds its data again on a second start', async () => {
    running = await start();
    const out = running.output();
    expect(out).toContain('demo data already loaded');
    const readyIn = /Ready in ([\d.]+) s/.exec(out)?.[1];
    console.log(
      `warm second start: ready in ${readyIn ?? '?'} s inside the process, ${running.wallSeconds.toFixed(1)} s from \`npm start\``,
    );
    const health = await fetch(`${api}/api/health`);
    expect(health.status).toBe(200);
    const read = await fetch(`${api}/api/nominations/${nominationId}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(read.status).toBe(200);
    expect(await read.json()).toMatchObject({
      nomineeName,
      events: [{ type: 'NominationCreated' }],
    });
    await interrupt(running);
    expect(running.output()).toMatch(/"msg":"stopped"/);
    expect(processesUsingDataDir()).toEqual([]);
    running = undefined;
  });
});
