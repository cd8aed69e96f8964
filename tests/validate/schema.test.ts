import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { schemaText } from '../../src/cli/schema.js';
import { skeleton } from '../../src/cli/init.js';
import { inputJsonSchema, keyPaths } from '../../src/validate/jsonSchema.js';
import { KEY_DOCS } from '../../src/validate/keyDocs.js';
import { runStages, renderFicha } from '../../src/pipeline/pipeline.js';
import { englishIn } from '../english.js';
import { variant } from '../helpers.js';
import { readPdf } from '../pdfRead.js';

const ROOT = resolve(import.meta.dirname, '../..');
const ajv = new Ajv2020({ strict: false, allErrors: true });
const check = ajv.compile(inputJsonSchema());
/** YAML -> the JSON an editor's language server sees (keys are strings). */
const asJson = (text: string) => JSON.parse(JSON.stringify(parse(text)));

describe('ficha schema', () => {
  it('the copy in schema/ is the generated one (run `npm run ficha -- schema --out schema/formato-1.schema.json`)', () => {
    expect(readFileSync(join(ROOT, 'schema', 'formato-1.schema.json'), 'utf8')).toBe(schemaText());
  });
  it('describes every key in Spanish, with examples where a value can be shown', () => {
    for (const p of keyPaths()) {
      expect(KEY_DOCS[p]?.d, p).toMatch(/\S/);
      expect(KEY_DOCS[p]?.e?.length, `${p}: an example`).toBeGreaterThan(0);
    }
    expect(Object.keys(KEY_DOCS).filter((k) => !keyPaths().includes(k))).toEqual([]);
  });
  it('accepts every example input', () => {
    const examples = readdirSync(join(ROOT, 'input')).filter((f) => f.endsWith('.yaml'));
    expect(examples.length).toBeGreaterThanOrEqual(5);
    for (const f of examples) {
      const ok = check(asJson(readFileSync(join(ROOT, 'input', f), 'utf8')));
      expect(ok, `${f}: ${JSON.stringify(check.errors?.slice(0, 3))}`).toBe(true);
    }
  });
  it('accepts what ficha init writes', () => {
    for (const m of ['dipres-2022', 'dipres-2025']) expect(check(asJson(skeleton('nuevo-programa', 2025, m, 'x.json'))), JSON.stringify(check.errors)).toBe(true);
  });
  it.each([
    ['text where an amount goes', (d: any) => (d.presupuesto.por_anio[2022].inicial = 'mucho')],
    ['negative amount', (d: any) => (d.presupuesto.por_anio[2022].ejecutado = -5)],
    ['fractional count', (d: any) => (d.poblacion.por_anio[2022].objetivo = 50.5)],
    ['unknown key', (d: any) => (d.poblacion.por_anio[2022].beneficiarias = 1)],
    ['missing required key', (d: any) => delete d.programa.nombre],
    ['wrong enum', (d: any) => (d.indicadores[0].unidad = 'porciento')],
    ['wrong verdict', (d: any) => (d.analisis.focalizacion.criterios = 'regular')],
    ['a list where a map goes', (d: any) => (d.ficha.moneda = [1])],
    ['an id with a slash', (d: any) => (d.programa.id = '../fuera')],
    ['ODS out of 1..17', (d: any) => (d.otros_atributos.ods = [18])],
  ])('rejects the type errors the program rejects: %s', (_n, change) => {
    const text = variant(change);
    expect(runStages('x.yaml', text).diagnostics.some((d) => d.severity === 'error')).toBe(true);
    expect(check(asJson(text))).toBe(false);
  });
});

describe('ficha init', () => {
  it.each(['dipres-2022', 'dipres-2025'])('writes a skeleton that validates and renders (%s)', async (m) => {
    const text = skeleton('nuevo-programa', 2025, m, '../schema/formato-1.schema.json');
    expect(runStages('nuevo.yaml', text).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(text).toMatch(/^# yaml-language-server: \$schema=/);
    expect(text).toContain(`metodologia: ${m}`);
    const r = await renderFicha('nuevo.yaml', text, { charts: false });
    expect((await readPdf(r.pdf!)).text).toContain('NOMBRE DEL PROGRAMA');
  });
  it('the comments of the examples and of a skeleton are Spanish and name files that exist', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ficha-init-'));
    const out = join(dir, 'sub', 'nuevo-2025.yaml');
    mkdirSync(dirname(out));
    const { initCommand } = await import('../../src/cli/init.js');
    expect(initCommand('nuevo', { anio: '2025', out })).toBe(0);
    const files = [...readdirSync(join(ROOT, 'input')).filter((x) => x.endsWith('.yaml')).map((f) => join(ROOT, 'input', f)), out];
    let cited = 0;
    for (const file of files) {
      const comments = readFileSync(file, 'utf8')
        .split('\n')
        .map((l) => /(?:^|\s)#\s?(.*)$/.exec(l)?.[1])
        .filter((c): c is string => c !== undefined && !c.startsWith('yaml-language-server'));
      expect(comments.length, file).toBeGreaterThan(0);
      for (const c of comments) {
        expect(englishIn(c), `${file}: ${c}`).toEqual([]);
        expect(c, file).not.toMatch(/spec\//);
        for (const [path] of c.matchAll(/(?:[\w.-]+\/)*[\w.-]+\.(?:md|json|yaml|ts)\b/g)) {
          if (/^[\w-]+-\d{4}\.yaml$/.test(path)) continue; // the file itself, in «ficha validate x-2025.yaml»
          cited++;
          const from = file === out ? dirname(out) : ROOT;
          expect(existsSync(resolve(from, path)), `${file} cites ${path}`).toBe(true);
        }
      }
    }
    expect(cited).toBeGreaterThanOrEqual(5);
  });
  it('the examples point editors at the schema', () => {
    for (const f of readdirSync(join(ROOT, 'input')).filter((x) => x.endsWith('.yaml'))) {
      expect(readFileSync(join(ROOT, 'input', f), 'utf8').split('\n')[0]).toBe('# yaml-language-server: $schema=../schema/formato-1.schema.json');
    }
  });
});
