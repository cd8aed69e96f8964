import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pdfText, REFERENCE_YAML } from '../helpers.js';
import { BIN, run } from './bin.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'ficha-cli-'));

describe('ficha render', () => {
  it('writes <id>-<anio>.pdf and prints one line per file', () => {
    const dir = tmp();
    const input = join(dir, 'a.yaml');
    writeFileSync(input, REFERENCE_YAML);
    const r = run('render', input, '--out', join(dir, 'out'), '--quiet');
    expect(r.code).toBe(0);
    expect(readdirSync(join(dir, 'out'))).toEqual(['manifest.csv', 'manifest.json', 'manifest.xlsx', 'redes-oportunidades-negocios-2022.pdf']);
    expect(r.out).toContain('redes-oportunidades-negocios-2022.pdf');
    expect(r.out).toContain('1 ficha generada, 0 sin cambios, 0 con errores');
  });

  it('writes nothing for an invalid file, goes on with the others, and exits 1', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'a-bad.yaml'), REFERENCE_YAML.replace('inicial: 298370,', 'inicial: mucho,'));
    writeFileSync(join(dir, 'b-good.yaml'), REFERENCE_YAML);
    const r = run('render', dir, '--out', join(dir, 'out'), '--quiet');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/a-bad\.yaml:61:22 error .*\[invalid-value\]/);
    expect(readdirSync(join(dir, 'out')).filter((f) => f.endsWith('.pdf'))).toEqual(['redes-oportunidades-negocios-2022.pdf']);
    expect(r.out).toContain('1 ficha generada, 0 sin cambios, 1 con errores');
  });

  it('renders a batch in parallel workers; a bad file never stops the others', () => {
    const dir = tmp();
    for (let i = 0; i < 17; i++) writeFileSync(join(dir, `p${String(i).padStart(2, '0')}.yaml`), REFERENCE_YAML.replace('id: redes-oportunidades-negocios', `id: programa-${i}`));
    writeFileSync(join(dir, 'p05.yaml'), REFERENCE_YAML.replace('id: redes-oportunidades-negocios', 'id: programa-5').replace('ods: [8]', 'ods: [99]'));
    const r = run('render', dir, '--out', join(dir, 'out'), '--quiet', '--jobs', '2');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/p05\.yaml:\d+:\d+ error .*\[invalid-value\]/);
    expect(readdirSync(join(dir, 'out')).filter((f) => f.endsWith('.pdf'))).toHaveLength(16);
    expect(r.out).toContain('16 fichas generadas, 0 sin cambios, 1 con errores');
  });

  it('finishes its work when the reader of its output stops early (`ficha render DIR | head -1`)', async () => {
    const dir = tmp();
    for (let i = 0; i < 3; i++) writeFileSync(join(dir, `p${i}.yaml`), REFERENCE_YAML.replace('id: redes-oportunidades-negocios', `id: programa-${i}`));
    const child = spawn(process.execPath, [BIN, 'render', dir, '--out', join(dir, 'out')], { stdio: ['ignore', 'pipe', 'pipe'] });
    // The first line read, the reading end closes: every later line meets a closed pipe.
    child.stdout.once('data', () => child.stdout.destroy());
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const code = await new Promise<number | null>((done) => child.on('close', done));
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(readdirSync(join(dir, 'out')).filter((f) => f.endsWith('.pdf'))).toHaveLength(3);
    expect(existsSync(join(dir, 'out', 'manifest.json'))).toBe(true);
  });

  it('says so when two inputs would write the same PDF', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'a.yaml'), REFERENCE_YAML);
    writeFileSync(join(dir, 'b.yaml'), REFERENCE_YAML);
    const r = run('render', dir, '--out', join(dir, 'out'), '--quiet');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/generan el mismo archivo.*\[same-output\]/);
  });

  it('exits 2 on wrong usage, in Spanish', () => {
    const r = run('render');
    expect(r.code).toBe(2);
    expect(r.err).toContain('falta el argumento obligatorio');
    expect(run('bogus').code).toBe(2);
    expect(run('render', '--jobs', 'x', 'input').code).toBe(2);
  });

  it('has --help on every command', () => {
    for (const cmd of [[], ['render'], ['validate'], ['extract']]) {
      const r = run(...cmd, '--help');
      expect(r.code).toBe(0);
      expect(r.out).toMatch(/^Uso: ficha/m);
    }
  });

  it('--strict turns consistency warnings into errors', () => {
    const dir = tmp();
    const input = join(dir, 'w.yaml');
    writeFileSync(input, REFERENCE_YAML.replace('24: 490141', '24: 490000'));
    expect(run('render', input, '--out', join(dir, 'o1'), '--quiet').code).toBe(0);
    const strict = run('render', input, '--out', join(dir, 'o2'), '--quiet', '--strict');
    expect(strict.code).toBe(1);
    expect(strict.err).toMatch(/\[subtitulos-vs-ejecutado\]/);
    expect(existsSync(join(dir, 'o2', 'redes-oportunidades-negocios-2022.pdf'))).toBe(false);
  });
});

describe('--templates', () => {
  it('renders with an institution\'s own copy of the templates', async () => {
    const dir = tmp();
    cpSync(resolve(import.meta.dirname, '../../templates'), join(dir, 'tpl'), { recursive: true });
    const partial = join(dir, 'tpl', 'partials', 'recomendaciones.hbs');
    writeFileSync(partial, readFileSync(partial, 'utf8').replace('VI. RECOMENDACIONES', 'VI. RECOMENDACIONES DE LA DIPRES'));
    const input = join(dir, 'a.yaml');
    writeFileSync(input, REFERENCE_YAML);
    expect(run('render', input, '--out', dir, '--quiet', '--templates', join(dir, 'tpl')).code).toBe(0);
    expect(await pdfText(join(dir, 'redes-oportunidades-negocios-2022.pdf'))).toContain('VI. RECOMENDACIONES DE LA DIPRES');
  });
  it('refuses, before rendering anything, a theme whose font cannot be embedded', () => {
    const dir = tmp();
    const tpl = join(dir, 'tpl');
    cpSync(resolve(import.meta.dirname, '../../templates'), tpl, { recursive: true });
    writeFileSync(join(tpl, 'fuente.woff2'), Buffer.concat([Buffer.from('wOF2'), Buffer.alloc(60)]));
    writeFileSync(join(tpl, 'fuente.txt'), 'no soy una fuente');
    const input = join(dir, 'a.yaml');
    writeFileSync(input, REFERENCE_YAML);
    const theme = JSON.parse(readFileSync(join(tpl, 'theme.json'), 'utf8'));
    const cases: [string, RegExp][] = [
      ['./fuente.woff2', /fonts\.bold de theme\.json: .*fuente\.woff2 es WOFF2, que ficha no puede incrustar en el PDF: use la versión TTF u OTF/],
      ['./no-esta.ttf', /fonts\.bold de theme\.json: .*no-esta\.ttf: no existe/],
      ['./fuente.txt', /fonts\.bold de theme\.json: .*fuente\.txt no es una fuente TrueType ni OpenType/],
      ['paquete-que-no-existe/fuente.ttf', /fonts\.bold de theme\.json: «paquete-que-no-existe\/fuente\.ttf» no se encuentra/],
    ];
    for (const [font, message] of cases) {
      writeFileSync(join(tpl, 'theme.json'), JSON.stringify({ ...theme, fonts: { ...theme.fonts, bold: font } }));
      const r = run('render', input, '--out', join(dir, 'out'), '--quiet', '--templates', tpl);
      expect(r.code, font).toBe(2);
      expect(r.err, font).toMatch(message);
      expect(existsSync(join(dir, 'out', 'redes-oportunidades-negocios-2022.pdf'))).toBe(false);
    }
    // validate --templates checks the same folder the same way.
    const checked = run('validate', input, '--templates', tpl);
    expect(checked.code).toBe(2);
    expect(checked.err).toMatch(/fonts\.bold de theme\.json: «paquete-que-no-existe/);
    expect(run('validate', input, '--templates', join(dir, 'no-hay')).err).toMatch(/--templates .*no-hay: no existe/);
    writeFileSync(join(tpl, 'theme.json'), '{ "fonts": ');
    const broken = run('render', input, '--out', join(dir, 'out'), '--quiet', '--templates', tpl);
    expect(broken.code).toBe(2);
    expect(broken.err).toMatch(/theme\.json no es JSON válido \(termina antes de cerrarse\)/);
    writeFileSync(join(tpl, 'theme.json'), '{ fonts: {} }');
    expect(run('render', input, '--out', join(dir, 'out'), '--quiet', '--templates', tpl).err).toMatch(/theme\.json no es JSON válido \(carácter 3\)/);
  });
});

describe('ficha extract', () => {
  it('writes the attached YAML back out, byte-identical', () => {
    const dir = tmp();
    const input = join(dir, 'a.yaml');
    writeFileSync(input, REFERENCE_YAML);
    expect(run('render', input, '--out', dir, '--quiet').code).toBe(0);
    const pdf = join(dir, 'redes-oportunidades-negocios-2022.pdf');
    expect(run('extract', pdf, '--out', join(dir, 'back.yaml')).code).toBe(0);
    expect(readFileSync(join(dir, 'back.yaml'), 'utf8')).toBe(REFERENCE_YAML);
    expect(run('extract', pdf).out).toBe(REFERENCE_YAML);
  });
  it('fails clearly on a file that is not a PDF', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'x.pdf'), 'hola');
    const r = run('extract', join(dir, 'x.pdf'));
    expect(r.code).toBe(1);
    expect(r.err).toContain('no es un PDF legible');
  });
});

describe('ficha validate', () => {
  it('prints diagnostics only and exits 1 when invalid', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'x.yaml'), REFERENCE_YAML.replace('beneficiaria: 227', 'beneficiarias: 227'));
    const r = run('validate', dir);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/x\.yaml:55:\d+ error clave desconocida «beneficiarias»; ¿quiso decir «beneficiaria»\? \[unknown-key\]/);
    expect(readdirSync(dir)).toEqual(['x.yaml']);
  });
  it('--json gives machines the stable codes and positions', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'x.yaml'), REFERENCE_YAML.replace('beneficiaria: 227', 'beneficiarias: 227'));
    const r = run('validate', '--json', join(dir, 'x.yaml'));
    expect(r.code).toBe(1);
    const [report] = JSON.parse(r.out);
    expect(report.valid).toBe(false);
    // one mistake, one diagnostic: the missing "beneficiaria" is the misspelt "beneficiarias"
    expect(report.diagnostics.map((d: { code: string }) => d.code)).toEqual(['unknown-key']);
    expect(report.diagnostics.find((d: { code: string }) => d.code === 'unknown-key')).toMatchObject({ severity: 'error', line: 55, path: 'poblacion.por_anio.2022.beneficiarias' });
  });
  it('exits 0 for a valid file', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'ok.yaml'), REFERENCE_YAML);
    expect(run('validate', join(dir, 'ok.yaml')).code).toBe(0);
  });
});

describe('an institution\'s templates with a misspelt name', () => {
  it('is a diagnostic naming the template and its line, not empty text', () => {
    const dir = tmp();
    cpSync(resolve(import.meta.dirname, '../../templates'), join(dir, 'tpl'), { recursive: true });
    const partial = join(dir, 'tpl', 'partials', 'recomendaciones.hbs');
    const lines = readFileSync(partial, 'utf8').split('\n');
    const at = lines.findIndex((l) => l.includes('{{tema}}'));
    expect(at).toBeGreaterThanOrEqual(0);
    lines[at] = lines[at]!.replace('{{tema}}', '{{temma}}');
    writeFileSync(partial, lines.join('\n'));
    const input = join(dir, 'a.yaml');
    writeFileSync(input, REFERENCE_YAML);
    const r = run('render', input, '--out', join(dir, 'out'), '--quiet', '--templates', join(dir, 'tpl'));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(new RegExp(`partials/recomendaciones\\.hbs:${at + 1}:\\d+ error «temma» no existe .*\\[template-unknown-name\\]`));
  });
});
