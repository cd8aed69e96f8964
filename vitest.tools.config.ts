import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

// The suite's own cache folder (compiled templates and specs, shaped words), empty at each run:
// no test depends on, or leaves anything in, the user's ~/.cache/ficha.
const cache = mkdtempSync(join(tmpdir(), 'ficha-test-cache-'));

/** `npm run check:pdf`: the checks that need poppler and qpdf (installed by `.ci/run`). */
export default defineConfig({
  test: {
    env: { FICHA_CACHE_DIR: cache },
    include: ['tests/**/*.check.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
