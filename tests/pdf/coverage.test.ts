import { mkdtempSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { openFont } from '../../src/pdf/fonts.js';

const ARIMO = createRequire(import.meta.url).resolve('@expo-google-fonts/arimo/400Regular/Arimo_400Regular.ttf');

describe('the characters a font can draw', () => {
  it('are those fontkit finds a glyph for, read back from the cache folder in a later process', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ficha-coverage-'));
    vi.stubEnv('FICHA_CACHE_DIR', dir);
    try {
      vi.resetModules();
      const first = (await import('../../src/pdf/coverage.js')).fontCoverage(ARIMO);
      (await import('../../src/cache/diskCache.js')).flushCaches();
      expect(readdirSync(dir).filter((f) => f.startsWith('coverage-'))).toHaveLength(1);
      vi.resetModules();
      const later = (await import('../../src/pdf/coverage.js')).fontCoverage(ARIMO);
      const font = openFont(ARIMO) as unknown as { hasGlyphForCodePoint(cp: number): boolean };
      for (let cp = 0; cp < 0x30000; cp++) {
        const expected = font.hasGlyphForCodePoint(cp);
        if (first(cp) !== expected || later(cp) !== expected) expect([cp, first(cp), later(cp)]).toEqual([cp, expected, expected]);
      }
      expect(later(0x41) && later(0xf1) && later(0xb4)).toBe(true);
      expect(later(0x4e2d) || later(0x1f600)).toBe(false);
    } finally {
      vi.unstubAllEnvs();
      vi.resetModules();
    }
  });
});
