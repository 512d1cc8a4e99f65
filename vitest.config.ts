import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'test/**/*.test.ts', 'test/**/*.test.tsx'],
    // Browser and HTML-validator tests start Chromium and Java; give them room on a 2-core machine.
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Starts PostgreSQL for the run (unless FATES_TEST_ENGINES=sqlite or TEST_DATABASE_URL is set).
    globalSetup: ['test/support/global-setup.ts'],
  },
});
