import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { RenderOutcome } from '../../src/batch/renderOne.js';
import { REFERENCE_YAML } from '../helpers.js';

describe('a batch with worker threads and the cache folder', () => {
  it('keeps the words its workers shaped: the next process shapes none of them, and draws the same PDF', async () => {
    const cache = mkdtempSync(join(tmpdir(), 'ficha-batch-cache-'));
    const inputs = mkdtempSync(join(tmpdir(), 'ficha-batch-cache-in-'));
    // 16 inputs: the fewest that dispatch gives two workers.
    const files = Array.from({ length: 16 }, (_, i) => join(inputs, `f${String(i).padStart(2, '0')}.yaml`));
    for (const f of files) writeFileSync(f, REFERENCE_YAML);
    vi.stubEnv('FICHA_CACHE_DIR', cache);
    try {
      vi.resetModules();
      const { dispatch, workersFor } = await import('../../src/batch/dispatch.js');
      expect(workersFor(files.length, 2)).toBe(2);
      const outcomes: RenderOutcome[] = [];
      await dispatch(files.map((file) => ({ file, charts: false })), { jobs: 2, stopped: () => false }, (o) => outcomes.push(o));
      expect(outcomes.map((o) => o.crash ?? o.diagnostics.filter((d) => d.severity === 'error'))).toEqual(files.map(() => []));
      // What the workers added reaches this thread, which writes it once the batch is done.
      expect(outcomes.some((o) => 'cacheAdditions' in o)).toBe(false);
      expect(readdirSync(cache).filter((f) => /^(pdfkit-runs|widths)-/.test(f)).length).toBeGreaterThanOrEqual(4);

      vi.resetModules();
      const { renderFicha } = await import('../../src/pipeline/pipeline.js');
      const { shapingStats } = await import('../../src/pdf/shaping.js');
      const pdf = (await renderFicha(files[0]!, REFERENCE_YAML, { charts: false })).pdf!;
      expect(shapingStats.shaped).toBe(0);
      expect(shapingStats.fromCache).toBeGreaterThan(100);
      expect(Buffer.compare(pdf, Buffer.from(outcomes[0]!.pdf!))).toBe(0);
    } finally {
      vi.unstubAllEnvs();
      vi.resetModules();
    }
  }, 60_000);
});
