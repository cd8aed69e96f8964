import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderBatch, type BatchOptions } from '../../src/batch/batch.js';
import { readManifest, toCsv } from '../../src/batch/manifest.js';
import { parseShard, shardOf } from '../../src/batch/shard.js';
import { extractAttachment } from '../../src/output/attachment.js';
import { REFERENCE_YAML, fixture } from '../helpers.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'ficha-batch-'));
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const options = (out: string, extra: Partial<BatchOptions> = {}): BatchOptions => ({ out, strict: false, charts: false, jobs: 1, changed: false, failFast: false, interrupted: () => false, ...extra });
const program = (id: string) => REFERENCE_YAML.replace('id: redes-oportunidades-negocios', `id: ${id}`);
/** `<x>.yaml` in `dir` for each x, the reference input as programa-<x>; their paths. */
const programsIn = (dir: string, xs: string[]) =>
  xs.map((x) => {
    const f = join(dir, `${x}.yaml`);
    writeFileSync(f, program(`programa-${x}`));
    return f;
  });

/** Every row of the folder's manifest against the files on disk. */
function checkManifest(out: string) {
  const rows = readManifest(join(out, 'manifest.json')).filas;
  const pdfs = readdirSync(out).filter((f) => f.endsWith('.pdf')).sort();
  const listed = rows.filter((r) => r.pdf).map((r) => r.pdf).sort();
  expect(listed).toEqual(pdfs);
  for (const r of rows.filter((x) => x.pdf)) {
    const bytes = readFileSync(join(out, r.pdf));
    expect(sha(bytes), r.pdf).toBe(r.sha256);
    expect(bytes.length).toBe(r.bytes);
  }
  expect(readdirSync(out).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  return rows;
}

describe('a batch with valid and invalid inputs', () => {
  it('renders the valid ones, records the others, and the manifest matches the files on disk', async () => {
    const dir = tmp();
    const out = join(dir, 'out');
    writeFileSync(join(dir, 'a.yaml'), program('programa-a'));
    writeFileSync(join(dir, 'b.yaml'), program('programa-b').replace('inicial: 298370,', 'inicial: mucho,'));
    writeFileSync(join(dir, 'c.yaml'), fixture('lenguas-indigenas-2025.yaml'));
    const files = ['a.yaml', 'b.yaml', 'c.yaml'].map((f) => join(dir, f));
    const result = await renderBatch(files, options(out));
    const rows = checkManifest(out);
    expect(rows.map((r) => [r.programa_id, r.estado])).toEqual([
      ['lenguas-indigenas', 'generada'],
      ['programa-a', 'generada'],
      ['programa-b', 'con errores'],
    ]);
    const bad = rows.find((r) => r.programa_id === 'programa-b')!;
    expect(bad).toMatchObject({ pdf: '', sha256: '', paginas: null, bytes: null, errores: 1, cobertura: null, fecha: '' });
    const a = rows.find((r) => r.programa_id === 'programa-a')!;
    // the headline figures as printed in the reference ficha
    // The figures as printed in the ficha (4,5%, 2.300,2), as numbers; the amounts' pesos year beside them.
    expect(a).toMatchObject({ anio: 2022, cobertura: 4.5, ejecucion_inicial: 175, ejecucion_final: 100, gasto_total: 522147, gasto_por_beneficiario: 2300.2, moneda_anio: 2023, metodologia: 'dipres-2022' });
    expect(a!.fecha).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(result.outcomes).toHaveLength(3);
    // the bytes are on disk; a year's batch does not keep them all in memory
    expect(result.outcomes.every((o) => o.pdf === undefined)).toBe(true);
    // the CSV is the same table, a row per ficha, accents intact
    const csv = readFileSync(join(out, 'manifest.csv'), 'utf8');
    expect(csv).toBe(toCsv(rows));
    expect(csv.split('\r\n').filter(Boolean)).toHaveLength(4);
    // RFC 4180 for programs: numbers with a decimal point, a cell with a comma quoted.
    expect(csv).toContain(',4.5,175,100,522147,2300.2,2023');
    expect(csv).toContain('"Ministerio de Economía, Fomento y Turismo"');
    // For Excel set to es-CL: `;` between cells, decimal commas, the comma needs no quotes.
    const excel = toCsv(rows, ';');
    expect(excel).toContain(';4,5;175;100;522147;2300,2;2023');
    expect(excel).toContain(';Ministerio de Economía, Fomento y Turismo;');
    expect(excel.startsWith('\uFEFFentrada;programa_id;anio;fecha;')).toBe(true);
    expect(csv).toContain('Recuperación y Revitalización de las Lenguas Indígenas');
  });

  it('keeps the rows of fichas this run did not touch', async () => {
    const dir = tmp();
    const out = join(dir, 'out');
    writeFileSync(join(dir, 'a.yaml'), program('programa-a'));
    writeFileSync(join(dir, 'b.yaml'), program('programa-b'));
    await renderBatch([join(dir, 'a.yaml'), join(dir, 'b.yaml')], options(out));
    const before = readManifest(join(out, 'manifest.json')).filas;
    await renderBatch([join(dir, 'a.yaml')], options(out));
    const after = checkManifest(out);
    expect(after).toHaveLength(2);
    expect(after.find((r) => r.programa_id === 'programa-b')).toEqual(before.find((r) => r.programa_id === 'programa-b'));
  });
});

describe('--changed', () => {
  it('re-renders exactly the inputs whose input, templates or options changed', async () => {
    const dir = tmp();
    const out = join(dir, 'out');
    const files = programsIn(dir, ['a', 'b', 'c']);
    const estados = async (extra: Partial<BatchOptions> = {}) => {
      const r = await renderBatch(files, options(out, { changed: true, ...extra }));
      checkManifest(out);
      return Object.fromEntries(r.rows.map((x) => [x.programa_id, x.estado]));
    };
    expect(await estados()).toEqual({ 'programa-a': 'generada', 'programa-b': 'generada', 'programa-c': 'generada' });
    expect(await estados()).toEqual({ 'programa-a': 'sin cambios', 'programa-b': 'sin cambios', 'programa-c': 'sin cambios' });
    // an input changes
    writeFileSync(files[1]!, `${program('programa-b')}\n# revisado\n`);
    expect(await estados()).toEqual({ 'programa-a': 'sin cambios', 'programa-b': 'generada', 'programa-c': 'sin cambios' });
    // an option that changes the PDF
    expect(Object.values(await estados({ charts: true }))).toEqual(['generada', 'generada', 'generada']);
    expect(Object.values(await estados({ charts: true }))).toEqual(['sin cambios', 'sin cambios', 'sin cambios']);
    // the templates: a copy with the same content changes nothing; an edit re-renders all
    const tpl = join(dir, 'tpl');
    cpSync(resolve(import.meta.dirname, '../../templates'), tpl, { recursive: true });
    expect(Object.values(await estados({ charts: true, templatesDir: tpl }))).toEqual(['sin cambios', 'sin cambios', 'sin cambios']);
    writeFileSync(join(tpl, 'partials', 'recomendaciones.hbs'), readFileSync(join(tpl, 'partials', 'recomendaciones.hbs'), 'utf8').replace('VI. RECOMENDACIONES', 'VI. RECOMENDACIONES DIPRES'));
    expect(Object.values(await estados({ charts: true, templatesDir: tpl }))).toEqual(['generada', 'generada', 'generada']);
    // a PDF deleted or altered on disk is rendered again
    writeFileSync(join(out, 'programa-a-2022.pdf'), 'x');
    expect(await estados({ charts: true, templatesDir: tpl })).toEqual({ 'programa-a': 'generada', 'programa-b': 'sin cambios', 'programa-c': 'sin cambios' });
  });
});

describe('--shard K/N', () => {
  const names = Array.from({ length: 60 }, (_, i) => `input/programa-${i}-2025.yaml`);
  it.each([1, 2, 3, 4, 5])('the shards of N=%i partition the inputs: no overlap, no gap', (n) => {
    const shards = Array.from({ length: n }, (_, k) => names.filter((f) => shardOf(f, n) === k + 1));
    expect(shards.flat().sort()).toEqual([...names].sort());
    if (n > 1) for (const s of shards) expect(s.length).toBeGreaterThan(0);
  });
  it('an input keeps its shard when others are added or removed, wherever the folder is', () => {
    expect(shardOf('a/programa-7-2025.yaml', 4)).toBe(shardOf('otra/carpeta/programa-7-2025.yml', 4));
  });
  it('parses K/N', () => {
    expect(parseShard('2/4')).toEqual({ k: 2, n: 4 });
    for (const bad of ['0/4', '5/4', '1/0', 'a/b', '1-4', '']) expect(parseShard(bad)).toBeUndefined();
  });
});

describe('two inputs that write the same PDF', () => {
  it('the last in sorted order always wins, whatever the order of completion', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'a.yaml'), program('mismo'));
    writeFileSync(join(dir, 'b.yaml'), `${program('mismo')}\n# b\n`);
    for (const order of [['a.yaml', 'b.yaml'], ['b.yaml', 'a.yaml']]) {
      const out = join(dir, `out-${order[0]}`);
      const r = await renderBatch(order.map((f) => join(dir, f)), options(out));
      const attached = await extractAttachment(readFileSync(join(out, 'mismo-2022.pdf')));
      expect(Buffer.from(attached!.content).toString('utf8')).toContain('# b');
      expect(r.clashes).toEqual([{ pdf: 'mismo-2022.pdf', winner: join(dir, 'b.yaml'), losers: [join(dir, 'a.yaml')] }]);
      const rows = checkManifest(out);
      expect(rows.map((x) => [x.entrada.slice(-6), x.estado])).toEqual([
        ['a.yaml', 'con errores'],
        ['b.yaml', 'generada'],
      ]);
    }
  });
});

describe('--fail-fast', () => {
  it('starts no ficha after the first failure', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'a.yaml'), 'formato: 2\n');
    writeFileSync(join(dir, 'b.yaml'), program('programa-b'));
    const r = await renderBatch([join(dir, 'a.yaml'), join(dir, 'b.yaml')], options(join(dir, 'out'), { failFast: true }));
    expect(r.notStarted).toBe(1);
    expect(existsSync(join(dir, 'out', 'programa-b-2022.pdf'))).toBe(false);
    checkManifest(join(dir, 'out'));
  });
});

describe('a damaged manifest', () => {
  it.each([
    ['cut short', (text: string) => text.slice(0, text.length >> 1)],
    ['with a null row', (text: string) => text.replace('"filas": [', '"filas": [\n    null,')],
  ])('%s: a warning, and rebuilt from the PDFs in the folder, each of which carries its input', async (_, damage) => {
    const dir = tmp();
    const out = join(dir, 'out');
    const files = programsIn(dir, ['a', 'b']);
    await renderBatch(files, options(out));
    const manifest = join(out, 'manifest.json');
    writeFileSync(manifest, damage(readFileSync(manifest, 'utf8')));
    // Only b is rendered again: a's row comes back from its PDF.
    const result = await renderBatch([files[1]!], options(out));
    expect(result.warnings).toEqual([expect.stringMatching(/manifest\.json estaba dañado: se reconstruyó a partir de 2 PDF de la carpeta/)]);
    const rows = checkManifest(out);
    expect(rows.map((r) => [r.programa_id, r.estado])).toEqual([
      ['programa-a', 'generada'],
      ['programa-b', 'generada'],
    ]);
    expect(rows[0]).toMatchObject({ entrada: 'programa-a-2022.yaml', cobertura: 4.5, clave: '' });
    expect(rows[1]!.entrada).toBe(files[1]);
  });
});

describe('an output folder that becomes unwritable mid-batch', () => {
  it('each ficha it could not write is an error, the manifest error is said, and nothing throws', async () => {
    const { renameSync } = await import('node:fs');
    const dir = tmp();
    const out = join(dir, 'out');
    const files = programsIn(dir, ['a', 'b', 'c']);
    let done = 0;
    const result = await renderBatch(
      files,
      options(out, {
        onDone: () => {
          // After the first ficha the folder is gone, and a file stands at its path.
          if (++done === 1) {
            renameSync(out, join(dir, 'apartada'));
            writeFileSync(out, 'no es una carpeta');
          }
        },
      }),
    );
    expect(result.rows.map((r) => r.estado)).toEqual(['generada', 'con errores', 'con errores']);
    for (const o of result.outcomes.slice(1)) expect(o.diagnostics.map((d) => d.message)).toEqual([expect.stringMatching(/^no se pudo escribir programa-[bc]-2022\.pdf en .*out: (ya existe un archivo con ese nombre|una parte de la ruta no es una carpeta)$/)]);
    expect(result.manifestError).toMatch(/^no se pudo escribir el manifiesto en .*out: (ya existe un archivo con ese nombre|una parte de la ruta no es una carpeta)$/);
    expect(readdirSync(join(dir, 'apartada'))).toContain('programa-a-2022.pdf');
  });
});
