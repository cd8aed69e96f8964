import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inFreshThread } from '../fresh/thread.js';
import { fixture, pdfText, REFERENCE_YAML } from '../helpers.js';

const SCENARIOS = new URL('../fresh/scenarios.ts', import.meta.url);
type Rendered = { pdfs: Uint8Array[]; shaped: number; fromCache: number };
/** Renders in a new thread: fonts opened again, nothing shaped yet, as in a new process. */
const renderFresh = (inputs: { file: string; text: string }[], cacheDir: string) => inFreshThread<Rendered>(SCENARIOS, 'renderAll', [inputs], { env: { FICHA_CACHE_DIR: cacheDir } });

describe('shaped text', () => {
  it('each glyph stands for the same characters whatever the process rendered before (O´Higgins)', async () => {
    // A ficha with accented letters first: subsetting their composite glyphs creates the acute
    // accent's glyph without characters, which PDFKit used to map to nothing in the next ficha.
    const both = await renderFresh([{ file: 'p.yaml', text: fixture('promocion-talentos-2024.yaml') }, { file: 'r.yaml', text: REFERENCE_YAML }], '');
    const after = both.pdfs[1]!;
    expect(await pdfText(after)).toContain('O´Higgins');
    const alone = (await renderFresh([{ file: 'r.yaml', text: REFERENCE_YAML }], '')).pdfs[0]!;
    expect(Buffer.compare(alone, after)).toBe(0);
  });

  it('read back from the cache folder, without shaping, gives the same PDF', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ficha-shaping-cache-'));
    const a = await renderFresh([{ file: 'r.yaml', text: REFERENCE_YAML }], dir);
    expect(a.shaped).toBeGreaterThan(100);
    expect(readdirSync(dir).filter((f) => f.startsWith('pdfkit-runs-')).length).toBeGreaterThan(0);
    const b = await renderFresh([{ file: 'r.yaml', text: REFERENCE_YAML }], dir);
    expect(b.shaped).toBe(0);
    expect(b.fromCache).toBeGreaterThan(100);
    expect(Buffer.compare(b.pdfs[0]!, a.pdfs[0]!)).toBe(0);
  });

  it('removes the word caches of version 1 (nine tenths numbers, which are composed now) and writes version 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ficha-shaping-v1-'));
    const { fontFileDigest } = await import('../../src/pdf/fontFiles.js');
    const { resolveFontPath } = await import('../../src/pdf/fonts.js');
    const digest = fontFileDigest(resolveFontPath('@expo-google-fonts/arimo/400Regular/Arimo_400Regular.ttf', '.'));
    const legacy = [`pdfkit-runs-${digest}.bin`, `pdfkit-runs-${digest}-mas.bin`, `widths-${digest}.bin`, `widths-${digest}-mas.bin`];
    for (const f of legacy) writeFileSync(join(dir, f), 'FICHANUM');
    await renderFresh([{ file: 'r.yaml', text: REFERENCE_YAML }], dir);
    const files = readdirSync(dir);
    expect(files.filter((f) => legacy.includes(f))).toEqual([]);
    expect(files).toContain(`pdfkit-runs-2-${digest}.bin`);
    expect(files).toContain(`widths-2-${digest}.bin`);
  });
});
