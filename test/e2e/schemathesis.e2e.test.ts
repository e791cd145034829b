import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Worker } from '@temporalio/worker';
import { buildApp, type App } from '../../api/app.js';
import { loadConfig } from '../../infra/config.js';
import { findSchemathesis, installCommandFor } from '../../infra/schemathesis.js';
import { loadDemoData } from '../../scripts/demo/load.js';
import { login } from '../support/api.js';
import { createTestEnvironment, type TestEnvironment } from '../support/harness.js';

interface Seen {
  /** The bearer token the request carried: whose run it belongs to. */
  token: string;
  method: string;
  route: string;
  status: number;
  contentType: string;
}

interface OpenApi {
  paths: Record<
    string,
    Record<string, { responses?: Record<string, { content?: Record<string, unknown> }> }>
  >;
}

/** Test cases per operation and role: with ~38 operations and four phases, well over a thousand requests in all. */
const EXAMPLES = 15;

// Schemathesis generates requests from the OpenAPI document, valid and invalid, and sends them to the real API (over
// HTTP, with its real worker, PostgreSQL and Temporal) as two officers: a province officer and a base officer. Besides
// its own checks, every answer is recorded on the server side and held against the document here: no 5xx, no status
// the operation does not list, and every body of the media type listed for its status.
describe('the API under schemathesis', () => {
  let env: TestEnvironment;
  let app: App;
  let worker: Worker;
  let running: Promise<void>;
  let baseUrl = '';
  let scratch = '';
  const seen: Seen[] = [];
  const st = findSchemathesis(loadConfig().toolsDir);

  beforeAll(async () => {
    if (st === undefined)
      throw new Error(
        `schemathesis is not installed: npm test's preflight installs it (npm run preflight), or by hand: ${installCommandFor(loadConfig().toolsDir)}`,
      );
    scratch = mkdtempSync(path.join(os.tmpdir(), 'schemathesis-'));
    env = await createTestEnvironment('schemathesis');
    await loadDemoData(env.db);
    worker = await env.createWorker();
    running = worker.run();
    app = await buildApp(env.deps);
    app.addHook('onResponse', async (request, reply) => {
      seen.push({
        token: (request.headers.authorization ?? '').replace(/^Bearer /, ''),
        method: request.method,
        route: request.routeOptions.url ?? '(no route)',
        status: reply.statusCode,
        contentType: String(reply.getHeader('content-type') ?? ''),
      });
    });
    baseUrl = await app.listen({ host: '127.0.0.1', port: 0 });
  });

  afterAll(async () => {
    await app.close();
    worker.shutdown();
    await running;
    await env.teardown();
    rmSync(scratch, { recursive: true, force: true });
  });

  const runAs = async (username: string, token: string): Promise<{ code: number; output: string }> => {
    const args = [
      'run',
      `${baseUrl}/api/openapi.json`,
      '--checks',
      'not_a_server_error,status_code_conformance,content_type_conformance',
      '--header',
      `Authorization: Bearer ${token}`,
      // The officer's own token, not generated ones; and no logout, which would end the session for the rest.
      '--generation-with-security-parameters',
      'false',
      '--exclude-path',
      '/api/auth/logout',
      '--max-examples',
      String(EXAMPLES),
      '--seed',
      '20261122',
      '--workers',
      '2',
      '--no-color',
      '--report-dir',
      path.join(scratch, username),
    ];
    return new Promise((resolve, reject) => {
      const child = spawn(st ?? 'st', args, { cwd: scratch, stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code: code ?? 1, output }));
    });
  };

  it('finds no 5xx, no undocumented status and no undeclared media type, as two roles', async () => {
    const runs = [];
    // Both logged in before either run: the runs' own attempts at the login route soon meet its rate limit.
    const tokens = new Map<string, string>();
    for (const username of ['tinh.canbo', 'cs.h01.canbo']) tokens.set(username, await login(app, username));
    // Both at once, as two officers would: each run's answers are told apart by the token that asked.
    const results = await Promise.all([...tokens].map(([username, token]) => runAs(username, token)));
    for (const [i, [username, token]] of [...tokens].entries()) {
      const result = results[i] ?? { code: 1, output: '' };
      // From the failures (each with its operation and a command that reproduces it) when there are any.
      const from = result.output.indexOf('FAILURES');
      const summary = result.output.slice(from >= 0 ? from : result.output.indexOf('SUMMARY'));
      runs.push({
        username,
        code: result.code,
        requests: seen.filter((s) => s.token === token).length,
        summary,
      });
    }

    const doc = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json<OpenApi>();
    const documented = (s: Seen): Record<string, { content?: Record<string, unknown> }> | undefined =>
      doc.paths[s.route.replace(/:(\w+)/g, '{$1}')]?.[s.method.toLowerCase()]?.responses;
    const api = seen.filter((s) => s.route.startsWith('/api/') && s.route !== '/api/openapi.json');
    const serverErrors = api.filter((s) => s.status >= 500);
    const undocumented = api.filter((s) => documented(s)?.[String(s.status)] === undefined);
    const wrongType = api.filter((s) => {
      const declared = documented(s)?.[String(s.status)]?.content;
      if (declared === undefined) return false;
      const type = s.contentType.split(';')[0]?.trim() ?? '';
      return !Object.keys(declared).some((t) => t === type || t === '*/*');
    });
    const byStatus = Object.entries(
      api.reduce<Record<number, number>>((acc, s) => ({ ...acc, [s.status]: (acc[s.status] ?? 0) + 1 }), {}),
    )
      .map(([status, n]) => `${status}×${n}`)
      .join(' ');
    console.log(
      [
        `schemathesis ${runs.map((r) => `${r.username}: ${r.requests} requests, exit ${r.code}`).join('; ')}`,
        `answers by status: ${byStatus}`,
        `5xx: ${serverErrors.length}, undocumented statuses: ${undocumented.length}, undeclared media types: ${wrongType.length}`,
      ].join('\n'),
    );

    for (const r of runs)
      expect({ user: r.username, code: r.code, summary: r.code === 0 ? '' : r.summary }).toEqual({
        user: r.username,
        code: 0,
        summary: '',
      });
    expect(api.length).toBeGreaterThanOrEqual(1_000);
    expect(serverErrors).toEqual([]);
    expect(undocumented).toEqual([]);
    expect(wrongType).toEqual([]);
    // Its length grows with the API (examples per operation) and with what else the machine runs: the whole suite on
    // two cores has taken it past two minutes.
  }, 300_000);
});
