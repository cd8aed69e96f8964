import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { extractAttachment } from '../../src/output/attachment.js';
import { renderFicha } from '../../src/pipeline/pipeline.js';
import { fixture } from '../helpers.js';

const EXAMPLES = ['redes-oportunidades-negocios-2022.yaml', 'pavimentacion-participativa-2025.yaml', 'promocion-talentos-2024.yaml', 'inversion-en-la-comunidad-2025.yaml', 'lenguas-indigenas-2025.yaml'];
const dir = mkdtempSync(join(tmpdir(), 'ficha-archival-'));
const pdfs = new Map<string, { path: string; bytes: Buffer }>();

beforeAll(async () => {
  for (const name of EXAMPLES) {
    const r = await renderFicha(name, fixture(name));
    const path = join(dir, r.fileName!);
    writeFileSync(path, r.pdf!);
    pdfs.set(name, { path, bytes: r.pdf! });
  }
});

interface StructNode {
  role?: string;
  alt?: string;
  lang?: string;
  children?: (StructNode | { type: string })[];
}

/** Every structure element of the document, from pdfjs' per-page structure trees. */
async function structRoles(bytes: Buffer): Promise<{ roles: StructNode[]; tables: StructNode[] }> {
  const doc = await getDocument({ data: new Uint8Array(bytes), verbosity: 0 }).promise;
  const roles: StructNode[] = [];
  const tables: StructNode[] = [];
  const walk = (n: StructNode) => {
    if (n.role) roles.push(n);
    if (n.role === 'Table') tables.push(n);
    for (const c of n.children ?? []) if ('role' in c || 'children' in c) walk(c as StructNode);
  };
  for (let p = 1; p <= doc.numPages; p++) {
    const tree = (await (await doc.getPage(p)).getStructTree()) as StructNode | null;
    if (tree) walk(tree);
  }
  await doc.destroy();
  return { roles, tables };
}

const rolesUnder = (n: StructNode): string[] => (n.children ?? []).flatMap((c) => ('role' in c ? [(c as StructNode).role!, ...rolesUnder(c as StructNode)] : []));

describe.each(EXAMPLES)('%s as an archival, accessible PDF', (name) => {
  it('is byte-identical when rendered again', async () => {
    const again = await renderFicha(name, fixture(name));
    expect(Buffer.compare(again.pdf!, pdfs.get(name)!.bytes)).toBe(0);
  });

  it('carries its input YAML, byte for byte', async () => {
    const found = await extractAttachment(pdfs.get(name)!.bytes);
    expect(found?.name).toMatch(/\.yaml$/);
    expect(Buffer.from(found!.content).toString('utf8')).toBe(fixture(name));
    const raw = pdfs.get(name)!.bytes.toString('latin1');
    expect(raw).toMatch(/\/AFRelationship \/Source/);
    expect(raw).toMatch(/\/Subtype \/application#2Fyaml/);
  });

  it('is tagged, PDF/A-3a, in Spanish, with its title shown', async () => {
    const doc = await getDocument({ data: new Uint8Array(pdfs.get(name)!.bytes), verbosity: 0 }).promise;
    const markInfo = await doc.getMarkInfo();
    const { info, metadata } = await doc.getMetadata();
    await doc.destroy();
    expect(markInfo?.Marked).toBe(true);
    expect(String((info as { Title?: string }).Title ?? '')).toMatch(/\S/);
    const xmp = metadata?.getRaw() ?? '';
    expect(XMLValidator.validate(xmp)).toBe(true);
    expect(xmp).toContain('<pdfaid:part>3</pdfaid:part>');
    expect(xmp).toContain('<pdfaid:conformance>A</pdfaid:conformance>');
    const raw = pdfs.get(name)!.bytes.toString('latin1');
    expect(raw).toMatch(/\/Lang \(es-CL\)/);
    expect(raw).toMatch(/\/DisplayDocTitle true/);
    expect(raw).toMatch(/\/OutputIntents/);
  });

  it('embeds only subset fonts, each with its font file and Unicode map', () => {
    const raw = pdfs.get(name)!.bytes.toString('latin1');
    const fonts = [...raw.matchAll(/\/BaseFont \/([^\s/>]+)/g)].map((m) => m[1]!);
    expect(fonts.length).toBeGreaterThan(0);
    for (const f of fonts) expect(f).toMatch(/^[A-Z]{6}\+Arimo/);
    const descriptors = (raw.match(/\/Type \/FontDescriptor/g) ?? []).length;
    expect(descriptors).toBeGreaterThan(0);
    expect((raw.match(/\/FontFile2 /g) ?? []).length).toBe(descriptors);
    expect((raw.match(/\/ToUnicode /g) ?? []).length).toBeGreaterThanOrEqual(descriptors);
  });

  it('has a full structure tree: headings, paragraphs, lists, tables with header cells', async () => {
    const { roles, tables } = await structRoles(pdfs.get(name)!.bytes);
    const names = new Set(roles.map((r) => r.role));
    for (const tag of ['H1', 'H2', 'H3', 'P', 'Table', 'TR', 'TH', 'TD']) expect(names, tag).toContain(tag);
    expect(roles.filter((r) => r.role === 'H1')).toHaveLength(1);
    expect(roles.filter((r) => r.role === 'H2').length).toBe(8);
    for (const t of tables) expect(rolesUnder(t)).toContain('TH');
    const figures = roles.filter((r) => r.role === 'Figure');
    expect(figures.length).toBeGreaterThan(0);
    for (const f of figures) expect(f.alt?.trim()).toBeTruthy();
  });

  it('has bookmarks for the eight sections', async () => {
    const doc = await getDocument({ data: new Uint8Array(pdfs.get(name)!.bytes), verbosity: 0 }).promise;
    const outline = (await doc.getOutline()) ?? [];
    await doc.destroy();
    expect(outline.map((o) => o.title.split('.')[0])).toEqual(['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII']);
    expect(outline[0]!.items.map((i) => i.title)).toContain('DESCRIPCIÓN');
  });

  it('is small enough to attach to an email', () => {
    expect(pdfs.get(name)!.bytes.length).toBeLessThan(150 * 1024);
  });
});

describe('metadata', () => {
  it('stays well-formed XMP when the program name has &, < or >', async () => {
    const text = fixture('redes-oportunidades-negocios-2022.yaml').replace('nombre: Redes de Oportunidades de Negocios', 'nombre: "Redes & <Negocios>"');
    const r = await renderFicha('m.yaml', text);
    const doc = await getDocument({ data: new Uint8Array(r.pdf!), verbosity: 0 }).promise;
    const { info, metadata } = await doc.getMetadata();
    await doc.destroy();
    const xmp = metadata!.getRaw();
    expect(XMLValidator.validate(xmp)).toBe(true);
    expect(xmp).toContain('Redes &amp; &lt;Negocios&gt; 2022');
    expect((info as { Title?: string }).Title).toBe('Redes & <Negocios> 2022');
  });
});

describe('dates come from the input, never the clock', () => {
  it('uses ficha.fecha when given', async () => {
    const text = fixture('redes-oportunidades-negocios-2022.yaml').replace('  metodologia: dipres-2022', '  fecha: 2023-05-31\n  metodologia: dipres-2022');
    const r = await renderFicha('f.yaml', text);
    expect(r.pdf!.toString('latin1')).toContain('/CreationDate (D:20230531120000Z)');
  });
  it('uses SOURCE_DATE_EPOCH when set', async () => {
    process.env.SOURCE_DATE_EPOCH = '1700000000';
    try {
      const r = await renderFicha('f.yaml', fixture('redes-oportunidades-negocios-2022.yaml'));
      expect(r.pdf!.toString('latin1')).toContain('/CreationDate (D:20231114221320Z)');
    } finally {
      delete process.env.SOURCE_DATE_EPOCH;
    }
  });
});
