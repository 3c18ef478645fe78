import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts', 'packages/*/test/**/*.test.ts', 'packages/web/e2e/**/*.test.ts'],
    globalSetup: ['packages/server/test/global-setup.ts'],
    pool: 'forks',
    // Safety nets against a hung server or browser, not performance limits: nothing asserts on time.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // expect.poll waits for a page or a server to reach a state; its 1 s default fails on a busy CI machine (the
    // browser tests' waitFor() already waits 30 s). A wait, not a speed assertion.
    expect: { poll: { timeout: 30_000 } },
  },
});
