// Three projects: the default suite (SQLite, simulators), the PostgreSQL suite, which needs a live server, and the
// browser suite (the sandbox page in Debian's Chromium, installed by scripts/install-browser.sh).
const transform = { '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { target: 'es2022' } }] };
const common = {
  transform,
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'js', 'json'],
};
module.exports = {
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
  projects: [
    { ...common, displayName: 'default', globalSetup: '<rootDir>/test/support/global-setup.ts', testMatch: ['<rootDir>/test/**/*.test.ts'], testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/postgres/', '<rootDir>/test/browser/'] },
    { ...common, displayName: 'postgres', globalSetup: '<rootDir>/test/support/postgres-global-setup.ts', testMatch: ['<rootDir>/test/postgres/**/*.test.ts'] },
    { ...common, displayName: 'browser', testMatch: ['<rootDir>/test/browser/**/*.test.ts'] },
  ],
};
