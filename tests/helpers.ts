import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';
import { runStages } from '../src/pipeline/pipeline.js';
import type { Ficha } from '../src/metrics/ficha.js';
import { wordRules, type DimensionResult } from '../src/present/sentences.js';
import { readPdf, type PdfPage } from './pdfRead.js';

export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');
export const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');
export const REFERENCE_YAML = fixture('redes-oportunidades-negocios-2022.yaml');

/** Runs the pipeline up to metrics; fails the test on any error diagnostic. */
export function fichaOf(text: string, file = 'test.yaml'): Ficha {
  const staged = runStages(file, text);
  const errors = staged.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length || !staged.ficha) throw new Error(`unexpected diagnostics: ${JSON.stringify(errors, null, 1)}`);
  return staged.ficha;
}

/** Section II of an input, judged and worded (metrics, then present's sentences). */
export function judged(text: string): DimensionResult[] {
  const f = fichaOf(text);
  return wordRules(f.ruleSet, f.dimensiones, f.figures.anio);
}

/** The reference input with a change applied to its parsed data. */
export function variant(change: (data: any) => void, base = REFERENCE_YAML): string {
  const data = parse(base);
  change(data);
  return stringify(data);
}

/** Text of a PDF in reading order, whitespace folded (pdfjs-dist; no poppler needed). */
export async function pdfText(path: string | Uint8Array): Promise<string> {
  return (await readPdf(path)).text;
}

/** Text runs of every page with their boxes. */
export async function pdfWords(path: string | Uint8Array): Promise<PdfPage[]> {
  return (await readPdf(path)).pages;
}

/** The theme's page margin (2 cm), in points. */
export const MARGIN = 56.69;

/**
 * Overlapping words (as the owner's layout check measures them) and words outside the page
 * margins (1 pt of tolerance for glyph overhang).
 */
export async function layoutProblems(path: string | Uint8Array): Promise<string[]> {
  const bad: string[] = [];
  for (const p of await pdfWords(path)) {
    const ws = [...p.words].sort((a, b) => a.x0 - b.x0);
    for (const w of ws) {
      if (w.x0 < MARGIN - 1 || w.y0 < MARGIN - 1 || w.x1 > p.width - MARGIN + 1 || w.y1 > p.height - MARGIN + 1) bad.push(`p${p.page} outside the margins: ${w.text}`);
    }
    for (let i = 0; i < ws.length; i++) {
      const a = ws[i]!;
      for (let j = i + 1; j < ws.length; j++) {
        const b = ws[j]!;
        if (b.x0 >= a.x1) break;
        const ix = Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0);
        const iy = Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0);
        if (ix > 1 && iy > 0.35 * Math.min(a.y1 - a.y0, b.y1 - b.y0)) bad.push(`p${p.page} overlap: ${a.text} / ${b.text}`);
      }
    }
  }
  return bad;
}

export { stringify };
