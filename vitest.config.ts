import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/setup/detail.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // e2e tests start Prometheus and fake clusters: two cores, keep parallelism modest
    maxWorkers: 2,
  },
});
