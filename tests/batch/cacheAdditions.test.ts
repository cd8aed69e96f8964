import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { RenderOutcome } from '../../src/batch/renderOne.js';
import { REFERENCE_YAML } from '../helpers.js';
import { dispatch, workersFor } from '../../src/batch/dispatch.js';
import { inFreshThread } from '../fresh/thread.js';

describe('a batch with worker threads and the cache folder', () => {
  it('keeps the words its workers shaped: the next process shapes none of them, and draws the same PDF', async () => {
    const cache = mkdtempSync(join(tmpdir(), 'ficha-batch-cache-'));
    const inputs = mkdtempSync(join(tmpdir(), 'ficha-batch-cache-in-'));
    // 16 inputs: the fewest that dispatch gives two workers.
    const files = Array.from({ length: 16 }, (_, i) => join(inputs, `f${String(i).padStart(2, '0')}.yaml`));
    for (const f of files) writeFileSync(f, REFERENCE_YAML);
    vi.stubEnv('FICHA_CACHE_DIR', cache);
    try {
      expect(workersFor(files.length, 2)).toBe(2);
      const outcomes: RenderOutcome[] = [];
      await dispatch(files.map((file) => ({ file, charts: false })), { jobs: 2, stopped: () => false }, (o) => outcomes.push(o));
      expect(outcomes.map((o) => o.crash ?? o.diagnostics.filter((d) => d.severity === 'error'))).toEqual(files.map(() => []));
      // What the workers added reaches this thread, which writes it once the batch is done.
      expect(outcomes.some((o) => 'cacheAdditions' in o)).toBe(false);
      expect(readdirSync(cache).filter((f) => /^(pdfkit-runs|widths)-/.test(f)).length).toBeGreaterThanOrEqual(4);

      // The next process: a new thread, every module loaded anew.
      type Rendered = { pdfs: Uint8Array[]; shaped: number; fromCache: number };
      const next = await inFreshThread<Rendered>(new URL('../fresh/scenarios.ts', import.meta.url), 'renderAll', [[{ file: files[0]!, text: REFERENCE_YAML }], { charts: false }], { env: { FICHA_CACHE_DIR: cache } });
      expect(next.shaped).toBe(0);
      expect(next.fromCache).toBeGreaterThan(100);
      expect(Buffer.compare(next.pdfs[0]!, Buffer.from(outcomes[0]!.pdf!))).toBe(0);
    } finally {
      vi.unstubAllEnvs();
    }
  }, 60_000);
});
