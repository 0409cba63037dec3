import { defineConfig } from 'vitest/config';

/** `npm run test:faults`: one scenario at a time (each breaks servers and measures recovery). */
export default defineConfig({
  test: {
    include: ['test/faults/**/*.test.ts'],
    fileParallelism: false,
    testTimeout: 600_000,
    hookTimeout: 120_000,
  },
});
