import { defineConfig } from 'vitest/config';

// Browser tests: a real Chromium (Debian's) driven by playwright-core against the built app.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    globalSetup: ['test/e2e/global-setup.ts'],
    testTimeout: 180_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
