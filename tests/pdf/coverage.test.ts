import { mkdtempSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inFreshThread } from '../fresh/thread.js';
import { openFont } from '../../src/pdf/fonts.js';

const ARIMO = createRequire(import.meta.url).resolve('@expo-google-fonts/arimo/400Regular/Arimo_400Regular.ttf');

describe('the characters a font can draw', () => {
  it('are those fontkit finds a glyph for, read back from the cache folder in a later process', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ficha-coverage-'));
    const SCENARIOS = new URL('../fresh/scenarios.ts', import.meta.url);
    const COUNT = 0x30000;
    const aProcess = () => inFreshThread<Uint8Array>(SCENARIOS, 'coverage', [ARIMO, COUNT], { env: { FICHA_CACHE_DIR: dir } });
    const first = await aProcess();
    expect(readdirSync(dir).filter((f) => f.startsWith('coverage-'))).toHaveLength(1);
    const later = await aProcess();
    const font = openFont(ARIMO) as unknown as { hasGlyphForCodePoint(cp: number): boolean };
    for (let cp = 0; cp < COUNT; cp++) {
      const expected = font.hasGlyphForCodePoint(cp) ? 1 : 0;
      if (first[cp] !== expected || later[cp] !== expected) expect([cp, first[cp], later[cp]]).toEqual([cp, expected, expected]);
    }
    expect([later[0x41], later[0xf1], later[0xb4]]).toEqual([1, 1, 1]);
    expect([later[0x4e2d], later[0x1f600]]).toEqual([0, 0]);
  });
});
