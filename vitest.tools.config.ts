import { defineConfig } from 'vitest/config';

/** `npm run check:pdf`: the checks that need poppler and qpdf (installed by `.ci/run`). */
export default defineConfig({
  test: {
    include: ['tests/**/*.check.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
