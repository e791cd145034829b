// Tests are named by tier: *.unit.test.ts (pure, no I/O), *.int.test.ts (real PostgreSQL and Temporal,
// started once by the global setup), *.e2e.test.ts (the system as a user starts it). ESM throughout, compiled
// by SWC.
const common = {
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
        module: { type: 'es6' },
        sourceMaps: 'inline',
      },
    ],
  },
  testEnvironment: 'node',
};

// The real servers start only when a project that needs them has tests to run (once, however many do).
const withServers = {
  globalSetup: '<rootDir>/test/setup/global-setup.mjs',
  globalTeardown: '<rootDir>/test/setup/global-teardown.mjs',
};

export default {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/test/**/*.unit.test.ts'] },
    { ...common, ...withServers, displayName: 'int', testMatch: ['<rootDir>/test/**/*.int.test.ts'] },
    { ...common, ...withServers, displayName: 'e2e', testMatch: ['<rootDir>/test/**/*.e2e.test.ts'] },
  ],
  reporters: ['default', '<rootDir>/test/setup/summary-reporter.mjs'],
  testTimeout: 120_000,
  // Three on two cores: several files spend much of their time waiting (a fault's pause, a heartbeat timeout, servers
  // starting), and a third worker runs another file meanwhile; a fourth only adds contention with the servers.
  maxWorkers: 3,
};
