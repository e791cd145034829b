import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from '@jest/globals';
import { projectRoot } from '../../infra/config.js';

const run = promisify(execFile);
/** The secrets a deployment must bring (the compose file has no default for them). */
const secrets = { ...process.env, AUDIT_ANCHOR_KEY: 'the-anchor-key-of-this-test' };

async function hasDockerCompose(): Promise<boolean> {
  try {
    await run('docker-compose', ['version']);
    return true;
  } catch {
    return false;
  }
}

// No Docker engine runs here, but docker-compose validates the file without one. `.ci/run` installs it; a
// developer machine without it skips this file (in CI its absence is a failure).
const available = await hasDockerCompose();
if (!available && process.env.CI !== undefined)
  throw new Error('docker-compose is required in CI (.ci/run installs it)');

(available ? describe : describe.skip)('docker-compose.yml', () => {
  it('is a valid compose file', async () => {
    await expect(
      run('docker-compose', ['-f', 'docker-compose.yml', 'config', '-q'], { cwd: projectRoot, env: secrets }),
    ).resolves.toBeDefined();
  });

  it('runs PostgreSQL, Temporal on PostgreSQL, its UI, the worker and the API, each with a health check', async () => {
    const { stdout } = await run('docker-compose', ['-f', 'docker-compose.yml', 'config', '--services'], {
      cwd: projectRoot,
      env: secrets,
    });
    expect(stdout.split('\n').filter(Boolean).sort()).toEqual(
      expect.arrayContaining(['api', 'postgres', 'temporal', 'temporal-ui', 'worker']),
    );
    const { stdout: resolved } = await run('docker-compose', ['-f', 'docker-compose.yml', 'config'], {
      cwd: projectRoot,
      env: secrets,
    });
    for (const service of ['postgres', 'temporal', 'api'])
      expect(resolved).toMatch(new RegExp(`${service}:[\\s\\S]*?healthcheck:`));
    expect(resolved).toMatch(/DB: postgres12|DB=postgres12/);
  });

  it('gives the worker and the API the one audit anchor key, and does not start without it', async () => {
    const { stdout } = await run('docker-compose', ['-f', 'docker-compose.yml', 'config'], {
      cwd: projectRoot,
      env: secrets,
    });
    expect(stdout.match(/AUDIT_ANCHOR_KEY: the-anchor-key-of-this-test/g)).toHaveLength(2);
    const { AUDIT_ANCHOR_KEY: _unset, ...withoutKey } = process.env;
    await expect(
      run('docker-compose', ['-f', 'docker-compose.yml', 'config', '-q'], {
        cwd: projectRoot,
        env: withoutKey,
      }),
    ).rejects.toThrow(/AUDIT_ANCHOR_KEY/);
  });
});
