// Two projects: the default suite (SQLite, simulators) and the PostgreSQL suite, which needs a live server.
const transform = { '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { target: 'es2022' } }] };
const common = {
  transform,
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'js', 'json'],
};
module.exports = {
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
  projects: [
    { ...common, displayName: 'default', globalSetup: '<rootDir>/test/support/global-setup.ts', testMatch: ['<rootDir>/test/**/*.test.ts'], testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/postgres/'] },
    { ...common, displayName: 'postgres', globalSetup: '<rootDir>/test/support/postgres-global-setup.ts', testMatch: ['<rootDir>/test/postgres/**/*.test.ts'] },
  ],
};
