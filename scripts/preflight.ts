/**
 * `npm run preflight`, and the first step of `npm test` (after the npm packages): makes sure every program the test
 * suites need is on this machine before any test runs, so that no suite has to skip or fail half-way for want of
 * one. Missing Debian packages are installed when this can (root, with apt-get, and PREFLIGHT_INSTALL is not
 * `never`); otherwise it stops with exit code 1, naming what is missing and the one command that installs it. Then
 * the Temporal CLI and test server are found or installed into the tools folder (as `npm run temporal:install`).
 */
import { execFileSync } from 'node:child_process';
import { loadConfig } from '../infra/config.js';
import { findOnPath, planSystemDeps, probeSystemDeps, type PlanInput } from '../infra/system-deps.js';
import { installSchemathesis } from '../infra/schemathesis.js';
import { findTemporalTool, TemporalToolNotFoundError } from '../infra/temporal-tools.js';

function stop(message: string): never {
  console.error(`\npreflight: ${message}\n`);
  process.exit(1);
}

function installMode(): PlanInput['install'] {
  const mode = process.env.PREFLIGHT_INSTALL ?? 'auto';
  if (mode !== 'auto' && mode !== 'never') stop(`PREFLIGHT_INSTALL must be auto or never, got "${mode}"`);
  return mode;
}

const root = process.getuid?.() === 0;
/** Password-less sudo only: asking for a password would hang a CI run, and `-n` makes sudo fail instead. */
function sudoWithoutPassword(): boolean {
  if (root || findOnPath('sudo') === undefined) return false;
  try {
    execFileSync('sudo', ['-n', 'true'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const context = {
  root,
  sudo: sudoWithoutPassword(),
  aptGet: findOnPath('apt-get') !== undefined,
  install: installMode(),
};
const plan = planSystemDeps({ ...context, deps: probeSystemDeps() });
if (plan.action === 'stop') stop(plan.message);
if (plan.action === 'install') {
  console.log(`preflight: installing Debian packages: ${plan.packages.join(' ')}`);
  const apt = (args: string[]): void => {
    const options = {
      stdio: ['ignore', 'ignore', 'inherit'] as ('ignore' | 'inherit')[],
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    };
    if (root) execFileSync('apt-get', args, options);
    // sudo's default policy drops the caller's environment: DEBIAN_FRONTEND goes as an assignment it passes on.
    else execFileSync('sudo', ['-n', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', ...args], options);
  };
  try {
    // Once per install: a fresh machine's package lists are empty, and later installs reuse them.
    apt(['update', '-qq']);
    apt(['install', '-y', '-qq', '--no-install-recommends', ...plan.packages]);
  } catch (err) {
    stop(`apt-get failed: ${err instanceof Error ? err.message : String(err)}`);
  }
  // Installing cannot be asked to install again: what is still missing now is a stop.
  const after = planSystemDeps({ ...context, install: 'never', deps: probeSystemDeps() });
  if (after.action === 'stop') stop(after.message);
}

const config = loadConfig();
for (const tool of ['cli', 'test-server'] as const) {
  try {
    await findTemporalTool(tool, { toolsDir: config.toolsDir, log: (m) => console.log(`preflight: ${m}`) });
  } catch (err) {
    stop(
      err instanceof TemporalToolNotFoundError
        ? `${err.message}\n(npm run temporal:install retries this step alone.)`
        : err instanceof Error
          ? err.message
          : String(err),
    );
  }
}
// The API tester the schemathesis suite runs (a PyPI package, in its own virtual environment).
try {
  installSchemathesis(config.toolsDir, (m) => console.log(`preflight: ${m}`));
} catch (err) {
  stop(err instanceof Error ? err.message : String(err));
}
console.log(
  `preflight: ${probeSystemDeps()
    .map((d) => d.name)
    .join(', ')}, the Temporal CLI and test server and schemathesis are here`,
);
