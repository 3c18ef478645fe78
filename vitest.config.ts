import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts', 'packages/*/test/**/*.test.ts', 'packages/web/e2e/**/*.test.ts'],
    globalSetup: ['packages/server/test/global-setup.ts'],
    pool: 'forks',
    // Safety nets against a hung server or browser, not performance limits: nothing asserts on time.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
