import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from '@jest/globals';
import { projectRoot } from '../../infra/config.js';
import { findOnPath } from '../../infra/system-deps.js';

const run = promisify(execFile);
/** The secrets a deployment must bring (the compose file has no default for them). */
const secrets = {
  ...process.env,
  AUDIT_ANCHOR_KEY: 'the-anchor-key-of-this-test',
  PAYLOAD_KEYS: 'k1:the-payload-keys-of-this-test',
};

// No Docker engine runs here, but docker-compose validates the file without one. `npm test`'s preflight installs it
// or stops the run naming the command that does; a missing docker-compose fails this file, never skips it.
if (findOnPath('docker-compose') === undefined)
  throw new Error('docker-compose is missing from PATH: npm test installs it or names the command that does');

describe('docker-compose.yml', () => {
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

  it('gives the worker and the API the one audit anchor key and payload keys, and does not start without them', async () => {
    const { stdout } = await run('docker-compose', ['-f', 'docker-compose.yml', 'config'], {
      cwd: projectRoot,
      env: secrets,
    });
    expect(stdout.match(/AUDIT_ANCHOR_KEY: the-anchor-key-of-this-test/g)).toHaveLength(2);
    expect(stdout.match(/PAYLOAD_KEYS: k1:the-payload-keys-of-this-test/g)).toHaveLength(2);
    for (const secret of ['AUDIT_ANCHOR_KEY', 'PAYLOAD_KEYS'] as const) {
      const withoutIt = Object.fromEntries(Object.entries(secrets).filter(([name]) => name !== secret));
      await expect(
        run('docker-compose', ['-f', 'docker-compose.yml', 'config', '-q'], {
          cwd: projectRoot,
          env: withoutIt,
        }),
      ).rejects.toThrow(new RegExp(secret));
    }
  });
});
