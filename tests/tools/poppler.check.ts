// Checks with poppler and qpdf (Debian's poppler-utils and qpdf): `npm run check:pdf`, which
// `.ci/run` runs after installing them. `npm test` covers the same ground with pdfjs-dist.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderFicha } from '../../src/pipeline/pipeline.js';
import { fixture } from '../helpers.js';

const EXAMPLES = ['redes-oportunidades-negocios-2022.yaml', 'pavimentacion-participativa-2025.yaml', 'promocion-talentos-2024.yaml', 'inversion-en-la-comunidad-2025.yaml', 'lenguas-indigenas-2025.yaml'];
const dir = mkdtempSync(join(tmpdir(), 'ficha-poppler-'));
const paths = new Map<string, string>();

beforeAll(async () => {
  for (const name of EXAMPLES) {
    const r = await renderFicha(name, fixture(name));
    const path = join(dir, r.fileName!);
    writeFileSync(path, r.pdf!);
    paths.set(name, path);
  }
});

describe.each(EXAMPLES)('%s read by poppler and qpdf', (name) => {
  it('is tagged, PDF/A-3a, with a title (pdfinfo)', () => {
    const info = execFileSync('pdfinfo', [paths.get(name)!], { encoding: 'utf8' });
    expect(info).toMatch(/Tagged:\s+yes/);
    expect(info).toMatch(/Title:\s+\S/);
    const meta = execFileSync('pdfinfo', ['-meta', paths.get(name)!], { encoding: 'utf8' });
    expect(XMLValidator.validate(meta)).toBe(true);
    expect(meta).toContain('<pdfaid:part>3</pdfaid:part>');
    expect(meta).toContain('<pdfaid:conformance>A</pdfaid:conformance>');
  });

  it('embeds only subset Arimo fonts with Unicode maps (pdffonts)', () => {
    const lines = execFileSync('pdffonts', [paths.get(name)!], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean);
    expect(lines.length).toBeGreaterThan(0);
    for (const l of lines) expect(l).toMatch(/^[A-Z]{6}\+Arimo\S*\s.*\byes\s+yes\s+yes\b/);
  });

  it('has no raster image (pdfimages)', () => {
    const images = execFileSync('pdfimages', ['-list', paths.get(name)!], { encoding: 'utf8' }).trim().split('\n');
    expect(images).toHaveLength(2); // the header lines only
  });

  it('passes qpdf --check', () => {
    const r = spawnSync('qpdf', ['--check', paths.get(name)!], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('No syntax or stream encoding errors found');
  });

  it('reads the same in poppler as in pdfjs: sections in order', () => {
    const text = execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', paths.get(name)!, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    const order = ['I. ANTECEDENTES', 'II. ANÁLISIS', 'III. DESEMPEÑO', 'IV. OTROS ATRIBUTOS', 'V. CONTINGENCIA', 'VI. RECOMENDACIONES', 'VII. OBSERVACIONES', 'VIII. NOTAS TÉCNICAS'];
    const at = order.map((h) => text.indexOf(h));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  });
});
