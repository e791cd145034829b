import { describe, expect, it } from '@jest/globals';
import { installCommand, planSystemDeps, type ProbedDep } from '../../infra/system-deps.js';

const dep = (name: string, debianPackage: string, present: boolean): ProbedDep => ({
  name,
  neededFor: `tests of ${name}`,
  debianPackage,
  present,
});

const chromium = (present: boolean): ProbedDep => dep('chromium', 'chromium', present);
const compose = (present: boolean): ProbedDep => dep('docker-compose', 'docker-compose', present);

describe('the preflight’s decision about missing system tools', () => {
  it('does nothing when every tool is present, whoever runs it', () => {
    for (const root of [true, false])
      expect(
        planSystemDeps({
          deps: [chromium(true), compose(true)],
          root,
          sudo: false,
          aptGet: false,
          install: 'auto',
        }),
      ).toEqual({ action: 'none' });
  });

  it('installs only the missing packages as root with apt-get', () => {
    expect(
      planSystemDeps({
        deps: [chromium(false), compose(true)],
        root: true,
        sudo: false,
        aptGet: true,
        install: 'auto',
      }),
    ).toEqual({ action: 'install', packages: ['chromium'] });
  });

  it('names each package once when two tools come from the same one', () => {
    const plan = planSystemDeps({
      deps: [dep('fc-list', 'fonts-noto-core', false), dep('Noto Sans', 'fonts-noto-core', false)],
      root: true,
      sudo: false,
      aptGet: true,
      install: 'auto',
    });
    expect(plan).toEqual({ action: 'install', packages: ['fonts-noto-core'] });
  });

  it('installs through password-less sudo when not root', () => {
    expect(
      planSystemDeps({ deps: [compose(false)], root: false, sudo: true, aptGet: true, install: 'auto' }),
    ).toEqual({ action: 'install', packages: ['docker-compose'] });
  });

  it('stops with the sudo command when neither root nor password-less sudo', () => {
    const plan = planSystemDeps({
      deps: [chromium(false), compose(false)],
      root: false,
      sudo: false,
      aptGet: true,
      install: 'auto',
    });
    expect(plan.action).toBe('stop');
    if (plan.action !== 'stop') return;
    expect(plan.message).toContain('sudo apt-get install -y chromium docker-compose');
    expect(plan.message).toContain('chromium (tests of chromium)');
    expect(plan.message).toContain('docker-compose (tests of docker-compose)');
  });

  it('stops without installing when told never to, even as root', () => {
    const plan = planSystemDeps({
      deps: [chromium(false)],
      root: true,
      sudo: false,
      aptGet: true,
      install: 'never',
    });
    expect(plan.action).toBe('stop');
    if (plan.action === 'stop') expect(plan.message).toContain('\n  apt-get install -y chromium\n');
  });

  it('stops with the Debian command as a hint where there is no apt-get', () => {
    const plan = planSystemDeps({
      deps: [compose(false)],
      root: true,
      sudo: false,
      aptGet: false,
      install: 'auto',
    });
    expect(plan.action).toBe('stop');
    if (plan.action !== 'stop') return;
    expect(plan.message).toContain('package manager');
    expect(plan.message).toContain('sudo apt-get install -y docker-compose');
  });

  it('stops on an override that points nowhere, since installing would not put the tool there', () => {
    const plan = planSystemDeps({
      deps: [{ ...chromium(false), badOverride: 'CHROMIUM_PATH is /nowhere, where there is no file' }],
      root: true,
      sudo: false,
      aptGet: true,
      install: 'auto',
    });
    expect(plan).toEqual({
      action: 'stop',
      message: 'chromium: CHROMIUM_PATH is /nowhere, where there is no file',
    });
  });

  it('spells the install command with sudo unless root', () => {
    expect(installCommand(['chromium', 'fonts-noto-core'], false)).toBe(
      'sudo apt-get install -y chromium fonts-noto-core',
    );
    expect(installCommand(['chromium'], true)).toBe('apt-get install -y chromium');
  });
});
