// `npm run bench:peers` only: chaos side by side with Chaos Toolkit; never part of `npm test` or CI.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    include: ['bench/peers/**/*.peers-run.ts'],
    fileParallelism: false,
    maxWorkers: 1,
    testTimeout: 40 * 60_000,
    hookTimeout: 60 * 60_000,
  },
});
