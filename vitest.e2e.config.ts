import { defineConfig } from 'vitest/config';

// Browser flows against the real service in Debian's Chromium; one file at a time keeps the two cores calm.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    testTimeout: 120_000,
    hookTimeout: 240_000,
    fileParallelism: false,
    // A browser flow on a loaded 2-core machine can miss a timing once; a real defect fails twice.
    retry: 1,
  },
});
