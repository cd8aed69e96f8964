import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';
import { runStages } from '../src/pipeline/pipeline.js';
import type { Ficha } from '../src/metrics/ficha.js';

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

/** The reference input with a change applied to its parsed data. */
export function variant(change: (data: any) => void, base = REFERENCE_YAML): string {
  const data = parse(base);
  change(data);
  return stringify(data);
}

/** Text of a PDF in reading order, as poppler extracts it, whitespace folded. */
export function pdfText(path: string): string {
  const raw = execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', path, '-'], { encoding: 'utf8' });
  return raw.normalize('NFC').replace(/-\n(?=[a-záéíóúñ])/g, '').replace(/\s+/g, ' ');
}

/** Word boxes of every page, from poppler. */
export function pdfWords(path: string): { page: number; width: number; height: number; words: { x0: number; y0: number; x1: number; y1: number; text: string }[] }[] {
  const xml = execFileSync('pdftotext', ['-bbox-layout', path, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const pages: ReturnType<typeof pdfWords> = [];
  const pageRe = /<page width="([\d.]+)" height="([\d.]+)">([\s\S]*?)<\/page>/g;
  const wordRe = /<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">([^<]*)<\/word>/g;
  let m: RegExpExecArray | null;
  let n = 0;
  while ((m = pageRe.exec(xml))) {
    n++;
    const words = [...m[3]!.matchAll(wordRe)].map((w) => ({ x0: +w[1]!, y0: +w[2]!, x1: +w[3]!, y1: +w[4]!, text: w[5]! }));
    pages.push({ page: n, width: +m[1]!, height: +m[2]!, words });
  }
  return pages;
}

/** The theme's page margin (2 cm), in points. */
export const MARGIN = 56.69;

/**
 * Overlapping words (as the owner's layout check measures them) and words outside the page
 * margins (1 pt of tolerance for glyph overhang).
 */
export function layoutProblems(path: string): string[] {
  const bad: string[] = [];
  for (const p of pdfWords(path)) {
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
