import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { renderFicha, runStages } from '../../src/pipeline/pipeline.js';
import { sampleInputs } from '../../src/sample/generate.js';
import { fixture, layoutProblems } from '../helpers.js';
import { readPdf } from '../pdfRead.js';

/**
 * Every chart says what it shows and stays with what it illustrates: a caption above each Figure
 * (tagged as its Caption), and an indicator's chart on the same page as the last row of its table.
 */
const EXAMPLES = ['redes-oportunidades-negocios-2022', 'pavimentacion-participativa-2025', 'promocion-talentos-2024', 'inversion-en-la-comunidad-2025', 'lenguas-indigenas-2025'];
const INPUTS = [...EXAMPLES.map((n) => ({ name: n, text: fixture(`${n}.yaml`) })), ...sampleInputs(8, { seed: 14 }).map((f) => ({ name: f.name, text: f.text }))];

interface Node {
  role?: string;
  children?: Node[];
}

async function figures(bytes: Uint8Array): Promise<Node[]> {
  const doc = await getDocument({ data: new Uint8Array(bytes), verbosity: 0 }).promise;
  const out: Node[] = [];
  const walk = (n: Node) => {
    if (n.role === 'Figure') out.push(n);
    for (const c of n.children ?? []) walk(c);
  };
  for (let p = 1; p <= doc.numPages; p++) {
    const tree = (await (await doc.getPage(p)).getStructTree()) as Node | null;
    if (tree) walk(tree);
  }
  await doc.destroy();
  return out;
}

describe.each(INPUTS)('$name', ({ name, text }) => {
  it('every Figure has a Caption; captions never overlap or leave the column; indicator charts sit with their table', async () => {
    const r = await renderFicha(name, text);
    expect(r.pdf, JSON.stringify(r.diagnostics.slice(0, 2))).toBeDefined();
    const layout = runStages(name, text).layout!;
    const charts: { caption: string }[] = [];
    const walk = (bs: any[]) => bs.forEach((b) => (b.kind === 'chart' ? charts.push(b) : b.kind === 'keep' ? walk(b.blocks) : b.kind === 'columns' ? b.columns.forEach(walk) : undefined));
    walk(layout.blocks);
    const figs = await figures(r.pdf!);
    expect(figs.length).toBeGreaterThan(0);
    for (const f of figs) expect((f.children ?? []).map((c) => c.role)).toContain('Caption');
    for (const c of charts) expect(c.caption).toMatch(/\S/);
    expect(await layoutProblems(r.pdf!)).toEqual([]);

    const pdf = await readPdf(r.pdf!);
    // The last page with such a text: section II's findings can start with the same label.
    const pageOf = (pred: (s: string) => boolean) => pdf.pages.filter((p) => p.words.some((w) => pred(w.text))).pop()?.page;
    const input = runStages(name, text).input!;
    for (const tipo of ['proposito', 'complementario'] as const) {
      const inds = input.indicadores.filter((i) => i.tipo === tipo);
      if (!inds.length) continue;
      const label = tipo === 'proposito' ? 'Indicador de propósito' : 'Indicador complementario';
      // The table's last rows: the page of its second footnote (kept with them), after its heading.
      const lines = pdf.pages.flatMap((p) => p.lines.map((l) => ({ page: p.page, l })));
      const heading = lines.findIndex((x) => /^INDICADOR(ES)? (DE PROPÓSITO|COMPLEMENTARIOS?)$/.test(x.l) && x.l.includes(tipo === 'proposito' ? 'PROPÓSITO' : 'COMPLEMENTARIO'));
      const rowPage = lines.slice(heading).find((x) => x.l.startsWith('** N/A: No aplica reportar valor'))?.page;
      expect(heading).toBeGreaterThanOrEqual(0);
      for (let n = 1; n <= inds.length; n++) {
        const captionPage = pageOf((s) => s.startsWith(`${label} ${n}:`));
        if (captionPage === undefined) continue; // an indicator with no numeric value has a note, not a chart
        expect(captionPage, `${label} ${n}`).toBe(rowPage);
      }
    }
  });
});

describe('no text is cut', () => {
  it('no rendered example or sample ficha prints an ellipsis its input does not have (titles wrap instead)', async () => {
    const inputs = [
      ...['redes-oportunidades-negocios-2022', 'pavimentacion-participativa-2025', 'promocion-talentos-2024', 'inversion-en-la-comunidad-2025', 'lenguas-indigenas-2025'].map((n) => fixture(`${n}.yaml`)),
      ...sampleInputs(6, { seed: 7 }).map((f) => f.text),
    ];
    for (const text of inputs) {
      const r = await renderFicha('f.yaml', text);
      const pdf = await readPdf(r.pdf!);
      if (!text.includes('…')) expect(pdf.text.includes('…'), text.slice(0, 120)).toBe(false);
    }
  }, 60_000);
});
