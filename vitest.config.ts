import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

// The suite's own cache folder (compiled templates and specs, shaped words), empty at each run:
// no test depends on, or leaves anything in, the user's ~/.cache/ficha.
const cache = mkdtempSync(join(tmpdir(), 'ficha-test-cache-'));

export default defineConfig({
  test: {
    env: { FICHA_CACHE_DIR: cache },
    include: ['tests/**/*.test.ts'],
    // What stops a hang (a hostile input that never ends): no test asserts how fast anything is;
    // speed is measured by `npm run bench`.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
