/**
 * Starts one embedded PostgreSQL and one Temporal dev server for the whole test run, on free ports, and
 * bundles the workflow code once. Each test file then makes its own database and task queue on them
 * (test/support/harness.ts). Real servers, never mocks.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import getPort from 'get-port';
import { loadConfig } from '../../infra/config.js';
import { startEmbeddedPostgres } from '../../infra/embedded-postgres.js';
import { startDevServer } from '../../infra/temporal-dev-server.js';
import { findTemporalTool } from '../../infra/temporal-tools.js';
import { writeWorkflowBundle } from '../../workers/nomination-worker.js';

const SCHEDULES_NAMESPACE = 'schedules';

interface GlobalTestServers {
  stop: () => Promise<void>;
}

declare global {
  var __testServers: GlobalTestServers | undefined;
}

export async function startTestServers(): Promise<void> {
  if (globalThis.__testServers !== undefined) return; // set up already, for another project of this run
  const started = performance.now();
  const config = loadConfig();
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'thidua-test-'));
  // Not inside `scratch`: when tests run as root, PostgreSQL runs as the `postgres` user, which must be able
  // to reach its data folder, and mkdtemp's folder is private to root.
  const pgDataDir = path.join(os.tmpdir(), `thidua-test-pg-${process.pid}-${Date.now()}`);

  const [pgPort, temporalPort] = [await getPort(), await getPort()];
  const pg = await startEmbeddedPostgres({
    dataDir: pgDataDir,
    port: pgPort,
    persistent: false,
    durable: false,
  });
  let temporal;
  try {
    const cli = await findTemporalTool('cli', { toolsDir: config.toolsDir, log: (m) => console.log(m) });
    temporal = await startDevServer({
      cliPath: cli.path,
      // In memory: the run's server is never restarted (outages are played through a proxy), and is thrown away after.
      dbFile: undefined,
      port: temporalPort,
      uiPort: undefined,
      // The reporting calendar's schedules are namespace-wide, and every worker process that starts (re)applies them:
      // the test that asserts on them has a namespace of its own.
      extraNamespaces: [SCHEDULES_NAMESPACE],
      readyTimeoutMs: config.startupTimeoutMs,
    });
  } catch (err) {
    await pg.stop();
    throw err;
  }

  const bundlePath = path.join(scratch, 'workflow-bundle.js');
  await writeWorkflowBundle(bundlePath);

  // Test files run in worker processes forked after this: they inherit these variables.
  process.env.TEST_PG_URL = pg.url;
  process.env.TEST_TEMPORAL_ADDRESS = temporal.address;
  // The tests' workers, and the commands they start (the worker, the replay tools), as a deployment's would.
  process.env.WORKFLOW_BUNDLE = bundlePath;
  process.env.TEST_SCHEDULES_NAMESPACE = SCHEDULES_NAMESPACE;
  process.env.TEST_SCRATCH_DIR = scratch;

  const temporalServer = temporal;
  globalThis.__testServers = {
    stop: async () => {
      await temporalServer.stop();
      await pg.stop();
    },
  };
  console.log(
    `\nTest servers up in ${((performance.now() - started) / 1000).toFixed(1)} s: PostgreSQL :${pgPort}, Temporal ${temporal.address}`,
  );
}

export async function stopTestServers(): Promise<void> {
  await globalThis.__testServers?.stop();
  globalThis.__testServers = undefined;
  const scratch = process.env.TEST_SCRATCH_DIR;
  if (scratch !== undefined) rmSync(scratch, { recursive: true, force: true });
}
