import { defineConfig } from 'vitest/config';

// The suite runs on the embedded database always, and again on PostgreSQL when
// FRONTLINE_TEST_DATABASE_URL names a server (CI sets it).
const postgresUrl = process.env.FRONTLINE_TEST_DATABASE_URL;
const shared = {
  include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
  exclude: ['test/e2e/**', 'node_modules/**'],
  testTimeout: 30_000,
  hookTimeout: 60_000,
};

export default defineConfig({
  test: {
    projects: [
      { test: { ...shared, name: 'pglite', env: { FRONTLINE_TEST_DB: 'pglite' } } },
      ...(postgresUrl ? [{ test: { ...shared, name: 'postgres', env: { FRONTLINE_TEST_DB: 'postgres' } } }] : []),
    ],
  },
});
