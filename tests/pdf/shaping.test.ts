import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { fixture, pdfText, REFERENCE_YAML } from '../helpers.js';

type Pipeline = typeof import('../../src/pipeline/pipeline.js');

/** The pipeline as a new process has it: fonts opened again, nothing shaped yet. */
async function freshPipeline(): Promise<{ pipeline: Pipeline; stats: { shaped: number; fromCache: number }; flush: () => void }> {
  vi.resetModules();
  const pipeline = await import('../../src/pipeline/pipeline.js');
  const { shapingStats } = await import('../../src/pdf/shaping.js');
  const { flushCaches } = await import('../../src/cache/diskCache.js');
  return { pipeline, stats: shapingStats, flush: flushCaches };
}

describe('shaped text', () => {
  it('each glyph stands for the same characters whatever the process rendered before (O´Higgins)', async () => {
    vi.stubEnv('FICHA_CACHE_DIR', '');
    try {
      const { pipeline } = await freshPipeline();
      // A ficha with accented letters first: subsetting their composite glyphs creates the acute
      // accent's glyph without characters, which PDFKit used to map to nothing in the next ficha.
      await pipeline.renderFicha('p.yaml', fixture('promocion-talentos-2024.yaml'));
      const after = (await pipeline.renderFicha('r.yaml', REFERENCE_YAML)).pdf!;
      expect(await pdfText(after)).toContain('O´Higgins');
      const { pipeline: first } = await freshPipeline();
      const alone = (await first.renderFicha('r.yaml', REFERENCE_YAML)).pdf!;
      expect(Buffer.compare(alone, after)).toBe(0);
    } finally {
      vi.unstubAllEnvs();
      vi.resetModules();
    }
  });

  it('read back from the cache folder, without shaping, gives the same PDF', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ficha-shaping-cache-'));
    vi.stubEnv('FICHA_CACHE_DIR', dir);
    try {
      const a = await freshPipeline();
      const shapedFirst = (await a.pipeline.renderFicha('r.yaml', REFERENCE_YAML)).pdf!;
      expect(a.stats.shaped).toBeGreaterThan(100);
      a.flush();
      expect(readdirSync(dir).filter((f) => f.startsWith('pdfkit-runs-')).length).toBeGreaterThan(0);
      const b = await freshPipeline();
      const fromCache = (await b.pipeline.renderFicha('r.yaml', REFERENCE_YAML)).pdf!;
      expect(b.stats.shaped).toBe(0);
      expect(b.stats.fromCache).toBeGreaterThan(100);
      expect(Buffer.compare(fromCache, shapedFirst)).toBe(0);
    } finally {
      vi.unstubAllEnvs();
      vi.resetModules();
    }
  });

  it('removes the word caches of version 1 (nine tenths numbers, which are composed now) and writes version 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ficha-shaping-v1-'));
    const { fontFileDigest } = await import('../../src/pdf/fontFiles.js');
    const { resolveFontPath } = await import('../../src/pdf/fonts.js');
    const digest = fontFileDigest(resolveFontPath('@expo-google-fonts/arimo/400Regular/Arimo_400Regular.ttf', '.'));
    const legacy = [`pdfkit-runs-${digest}.bin`, `pdfkit-runs-${digest}-mas.bin`, `widths-${digest}.bin`, `widths-${digest}-mas.bin`];
    for (const f of legacy) writeFileSync(join(dir, f), 'FICHANUM');
    vi.stubEnv('FICHA_CACHE_DIR', dir);
    try {
      const a = await freshPipeline();
      await a.pipeline.renderFicha('r.yaml', REFERENCE_YAML);
      a.flush();
      const files = readdirSync(dir);
      expect(files.filter((f) => legacy.includes(f))).toEqual([]);
      expect(files).toContain(`pdfkit-runs-2-${digest}.bin`);
      expect(files).toContain(`widths-2-${digest}.bin`);
    } finally {
      vi.unstubAllEnvs();
      vi.resetModules();
    }
  });
});
