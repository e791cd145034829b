import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import {
  auditAnchorKey,
  defaultLoginLimits,
  DEVELOPMENT_ANCHOR_KEY,
  loadConfig,
  projectRoot,
} from '../../infra/config.js';

describe('configuration from the environment', () => {
  it('runs everything embedded, inside the project folder, when nothing is set', () => {
    const config = loadConfig({});
    expect(config.databaseUrl).toBeUndefined();
    expect(config.temporalAddress).toBeUndefined();
    expect(config.dataDir).toBe(path.join(projectRoot, '.data'));
    expect(config.pgDataDir).toBe(path.join(projectRoot, '.data', 'postgres'));
    expect(config.toolsDir).toBe(path.join(projectRoot, '.tools'));
    expect(config).toMatchObject({
      apiPort: 3000,
      temporalPort: 7233,
      temporalUiPort: 8233,
      temporalNamespace: 'default',
      taskQueue: 'nominations',
    });
  });

  it('takes external servers and relative folders from variables', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://u:p@db:5432/thidua',
      TEMPORAL_ADDRESS: 'temporal:7233',
      DATA_DIR: 'var/run-data',
      API_PORT: '8080',
    });
    expect(config.databaseUrl).toBe('postgres://u:p@db:5432/thidua');
    expect(config.temporalAddress).toBe('temporal:7233');
    expect(config.dataDir).toBe(path.join(projectRoot, 'var', 'run-data'));
    expect(config.pgDataDir).toBe(path.join(projectRoot, 'var', 'run-data', 'postgres'));
    expect(config.apiPort).toBe(8080);
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', API_PORT: '' })).toMatchObject({
      databaseUrl: undefined,
      apiPort: 3000,
    });
  });

  it('refuses a port that is not a number, naming the variable', () => {
    expect(() => loadConfig({ API_PORT: 'ba nghìn' })).toThrow(/API_PORT/);
    expect(() => loadConfig({ PG_PORT: '5432.5' })).toThrow(/PG_PORT/);
  });

  it('reads stage deadlines and the SMTP server, with no e-mail when no server is named', () => {
    expect(loadConfig({}).smtp).toBeNull();
    expect(loadConfig({}).timing).toEqual({
      normal: { deadlineWorkingDays: 10, reminderWorkingDaysBefore: 2 },
      fastTrack: { deadlineWorkingDays: 3, reminderWorkingDaysBefore: 1 },
    });
    const config = loadConfig({
      SMTP_HOST: 'mail.an-lac.vn',
      SMTP_PORT: '465',
      SMTP_SECURE: 'true',
      DEADLINE_WORKING_DAYS: '15',
    });
    expect(config.smtp).toMatchObject({ host: 'mail.an-lac.vn', port: 465, secure: true });
    expect(config.timing.normal.deadlineWorkingDays).toBe(15);
  });

  it('reads the login limits and the allowed origins, refusing a limit of zero or a page address for an origin', () => {
    expect(loadConfig({}).login).toEqual(defaultLoginLimits);
    expect(loadConfig({}).allowedOrigins).toEqual([]);
    const config = loadConfig({
      LOGIN_RATE_LIMIT: '10',
      LOGIN_MAX_FAILURES: '3',
      LOGIN_LOCK_MINUTES: '30',
      ALLOWED_ORIGINS: 'https://thidua.congdoan.example, http://127.0.0.1:8080/',
      SESSION_HOURS: '1',
      COOKIE_SECURE: 'true',
    });
    expect(config.login).toMatchObject({ rateLimitMax: 10, maxFailures: 3, lockMinutes: 30 });
    expect(config.allowedOrigins).toEqual(['https://thidua.congdoan.example', 'http://127.0.0.1:8080']);
    expect(config).toMatchObject({ sessionHours: 1, cookieSecure: true });
    expect(() => loadConfig({ LOGIN_MAX_FAILURES: '0' })).toThrow(/LOGIN_MAX_FAILURES/);
    expect(() => loadConfig({ ALLOWED_ORIGINS: 'https://thidua.example/login' })).toThrow(/ALLOWED_ORIGINS/);
    expect(() => loadConfig({ ALLOWED_ORIGINS: 'thidua.example' })).toThrow(/ALLOWED_ORIGINS/);
  });

  it('has a development audit anchor key for development and tests only', () => {
    expect(auditAnchorKey({ AUDIT_ANCHOR_KEY: 'a secret of ours', NODE_ENV: 'production' })).toBe(
      'a secret of ours',
    );
    expect(auditAnchorKey({ NODE_ENV: 'development' })).toBe(DEVELOPMENT_ANCHOR_KEY);
    expect(auditAnchorKey({ NODE_ENV: 'test' })).toBe(DEVELOPMENT_ANCHOR_KEY);
    for (const env of [
      { NODE_ENV: 'production' },
      { NODE_ENV: 'staging' },
      {},
      { NODE_ENV: 'production', AUDIT_ANCHOR_KEY: '' },
    ])
      expect(() => auditAnchorKey(env)).toThrow(/AUDIT_ANCHOR_KEY is not set/);
  });

  it('reads which proxies to trust, none unless told', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 127.0.0.1' }).trustProxy).toEqual([
      '10.0.0.0/8',
      '127.0.0.1',
    ]);
  });

  it('reads the e-mail sending timeout, refusing one shorter than a send may take', () => {
    expect(loadConfig({}).mailSendingTimeoutMinutes).toBe(10);
    expect(loadConfig({ MAIL_SENDING_TIMEOUT_MINUTES: '30' }).mailSendingTimeoutMinutes).toBe(30);
    expect(() => loadConfig({ MAIL_SENDING_TIMEOUT_MINUTES: '1' })).toThrow(/MAIL_SENDING_TIMEOUT_MINUTES/);
  });
});
