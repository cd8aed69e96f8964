import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { captureConsole } from '../console.js';
import { renderedSamples } from '../samples.js';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { readManifest, type ManifestRow } from '../../src/batch/manifest.js';
import { summaryCommand } from '../../src/cli/summary.js';
import { collectFolder } from '../../src/summary/collect.js';
import { readPdf } from '../pdfRead.js';

/** `ficha sample --count 60` rendered into a folder: what the summaries below read. */
let out = '';
let fichas: ManifestRow[] = [];
beforeAll(async () => {
  out = await renderedSamples(60, 1);
  fichas = readManifest(join(out, 'manifest.json')).filas.filter((r) => r.estado === 'generada');
  expect(fichas).toHaveLength(60);
}, 120_000);

const quiet = captureConsole;
afterEach(() => vi.restoreAllMocks());

interface Node {
  role?: string;
  alt?: string;
  children?: Node[];
}

/** Structure elements of a PDF by role, and its link annotations' targets. */
async function structure(bytes: Uint8Array): Promise<{ roles: Map<string, Node[]>; links: string[] }> {
  const doc = await getDocument({ data: new Uint8Array(bytes), verbosity: 0 }).promise;
  const roles = new Map<string, Node[]>();
  const links: string[] = [];
  const walk = (n: Node) => {
    if (n.role) roles.set(n.role, [...(roles.get(n.role) ?? []), n]);
    for (const c of n.children ?? []) walk(c);
  };
  for (let p = 1; p <= doc.numPages; p++) {
    const page = await doc.getPage(p);
    const tree = (await page.getStructTree()) as Node | null;
    if (tree) walk(tree);
    for (const a of (await page.getAnnotations()) as { subtype: string; url?: string; unsafeUrl?: string; action?: string; file?: unknown; dest?: unknown; newWindow?: boolean }[]) {
      // A GoToR link reads as the file, then its destination (#[0,Fit]); a name on two lines has two.
      if (a.subtype === 'Link') links.push(String(a.unsafeUrl ?? a.url ?? '').split('#')[0]!);
    }
  }
  await doc.destroy();
  return { roles, links: [...new Set(links)] };
}

const norm = (s: string) => s.replace(/\s+/g, ' ');

describe('ficha summary', () => {
  it('counts every ficha of the manifest by ministry and methodology, one linked row each, its charts tagged with alt text', async () => {
    const pdfPath = join(out, 'resumen-2025.pdf');
    const said = quiet();
    expect(await summaryCommand(out, { out: pdfPath }), said()).toBe(0);
    expect(said()).toMatch(/resumen-2025\.pdf: resumen de 60 fichas de \d+ ministerios, \d+ páginas/);
    const bytes = readFileSync(pdfPath);
    const pdf = await readPdf(bytes);
    const text = norm(pdf.text);
    expect(pdf.info.Title).toMatch(/^Resumen del monitoreo y seguimiento de la oferta pública/);

    // Section I: each ministry's count of fichas, and each methodology's, as the manifest has them.
    const ministries = [...new Set(fichas.map((r) => r.ministerio))];
    const methods = [...new Set(fichas.map((r) => r.metodologia))].sort();
    for (const m of ministries) {
      const ofM = fichas.filter((r) => r.ministerio === m);
      const cells = [...methods.map((x) => ofM.filter((r) => r.metodologia === x).length), ofM.length].join(' ');
      expect(text, m).toContain(`${m} ${cells}`);
    }
    expect(text).toContain(`TOTAL ${[...methods.map((x) => fichas.filter((r) => r.metodologia === x).length), 60].join(' ')}`);

    // Section II: fichas with findings per dimension, against each ficha's own (read from its input).
    const { programs } = await collectFolder(out);
    for (const [dimension, id] of [['Focalización y Cobertura', 'focalizacion'], ['Eficiencia y ejecución presupuestaria', 'eficiencia'], ['Eficacia', 'eficacia']] as const) {
      const con = programs.filter((p) => p.hallazgos[id] > 0).length;
      expect(text).toContain(`${dimension} ${con} ${60 - con}`);
    }

    // The table: one row per ficha, each a link to its file, tagged as a Link.
    const { roles, links } = await structure(bytes);
    expect(links.sort()).toEqual(fichas.map((r) => r.pdf).sort());
    expect(roles.get('Link')).toHaveLength(60);
    for (const r of fichas) expect(text).toContain(`${r.programa} (${r.anio})`);

    // Five charts, each a Figure with its numbers in words.
    const figures = roles.get('Figure') ?? [];
    expect(figures).toHaveLength(5);
    for (const f of figures) expect(f.alt?.length ?? 0).toBeGreaterThan(40);
    const inBand = programs.filter((p) => p.ejecucionInicial !== null && p.ejecucionInicial >= 85 && p.ejecucionInicial <= 110).length;
    expect(figures.some((f) => f.alt!.startsWith(`Ejecución presupuestaria inicial: ${inBand} de 60 fichas dentro de la banda 85–110%`))).toBe(true);
    // Bookmarks for every section.
    expect(['I. FICHAS POR MINISTERIO', 'II. HALLAZGOS', 'III. EJECUCIÓN', 'IV. PROGRAMAS'].every((h) => text.includes(h))).toBe(true);

    // The summary's own row in the folder's manifest; mail and the next summary leave it out.
    const row = readManifest(join(out, 'manifest.json')).filas.find((r) => r.estado === 'resumen');
    expect(row).toMatchObject({ pdf: 'resumen-2025.pdf', bytes: bytes.length, programa_id: '' });
    expect((await collectFolder(out)).programs).toHaveLength(60);
  }, 120_000);

  it('--ministerio keeps one ministry’s programs, named in the title; an unknown one is refused with a guess', async () => {
    const ministry = fichas[0]!.ministerio;
    const mine = fichas.filter((r) => r.ministerio === ministry);
    const pdfPath = join(out, 'resumen-ministerio.pdf');
    const said = quiet();
    // As typed: without «Ministerio de», in lower case and without accents.
    const typed = ministry.replace(/^Ministerio de(l| la)? /, '').normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
    expect(await summaryCommand(out, { out: pdfPath, ministerio: [typed] }), said()).toBe(0);
    const bytes = readFileSync(pdfPath);
    const text = norm((await readPdf(bytes)).text);
    expect(text).toContain(`Resumen del año: ${ministry}`);
    expect(text).toContain(`${mine.length} fichas de 1 ministerio`);
    expect((await structure(bytes)).links.sort()).toEqual(mine.map((r) => r.pdf).sort());
    for (const r of fichas.filter((x) => x.ministerio !== ministry)) expect(text).not.toContain(`${r.programa} (${r.anio})`);

    expect(await summaryCommand(out, { out: join(out, 'x.pdf'), ministerio: ['Ministerio de Salud'] })).toBe(2);
    expect(said()).toMatch(/--ministerio «Ministerio de Salud»: ningún programa de la carpeta es de ese ministerio/);
  }, 60_000);
});
