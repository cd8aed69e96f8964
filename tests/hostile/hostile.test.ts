import { deflateSync } from 'node:zlib';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/program.js';
import { layoutProblems, REFERENCE_YAML, variant } from '../helpers.js';
import { readPdf } from '../pdfRead.js';

/**
 * Hostile and careless inputs and invocations, one test per reproduction: each ends
 * with exit 0, 1 or 2 and a Spanish message, never a stack trace or exit 3, in seconds, with
 * nothing written outside --out. The commands run in-process, as the `ficha` binary runs them.
 */
async function ficha(...args: string[]) {
  const out: string[] = [];
  const push = (...a: unknown[]) => void out.push(a.map(String).join(' '));
  const log = vi.spyOn(console, 'log').mockImplementation(push);
  const err = vi.spyOn(console, 'error').mockImplementation(push);
  const stdout = vi.spyOn(process.stdout, 'write').mockImplementation((c: string | Uint8Array) => (push(typeof c === 'string' ? c : Buffer.from(c).toString('utf8')), true));
  try {
    const code = await main(['node', 'ficha', ...args]);
    return { code, text: out.join('\n') };
  } finally {
    log.mockRestore();
    err.mockRestore();
    stdout.mockRestore();
  }
}
afterEach(() => vi.restoreAllMocks());

const tmp = () => mkdtempSync(join(tmpdir(), 'ficha-hostile-'));
const edit = (from: string, to: string) => {
  expect(REFERENCE_YAML.split(from)).toHaveLength(2);
  return REFERENCE_YAML.replace(from, to);
};
const NAME = 'nombre: Redes de Oportunidades de Negocios';
const STACK = /\n\s+at .+[:(]\d+:\d+\)?/;

/** Writes `input` to a fresh folder, renders it into `out/`, and checks what every case must hold. */
async function render(input: string | Buffer, ...extra: string[]) {
  const dir = tmp();
  const file = join(dir, 'entrada.yaml');
  writeFileSync(file, input);
  const r = await ficha('render', file, '--out', join(dir, 'out'), '--quiet', '--no-charts', ...extra);
  expect(r.text).not.toMatch(STACK);
  expect(r.code).not.toBe(3);
  // nothing outside --out but the input itself
  expect(readdirSync(dir).sort()).toEqual(existsSync(join(dir, 'out')) ? ['entrada.yaml', 'out'] : ['entrada.yaml']);
  return { ...r, out: join(dir, 'out') };
}

describe('hangs and resource exhaustion', () => {
  it('a programa.nombre of 10,000 characters is refused at once', async () => {
    const r = await render(edit(NAME, `nombre: ${'Programa '.repeat(1200)}`));
    expect(r.code).toBe(1);
    expect(r.text).toMatch(/\[invalid-value\]/);
    expect(r.text.length).toBeLessThan(5000);
  });
  it('the longest name allowed wraps in its footer, whole, and the body keeps clear of it', async () => {
    const name = 'Programa de apoyo '.repeat(27).slice(0, 490).trim();
    const r = await render(edit(NAME, `nombre: ${name}`));
    expect(r.code).toBe(0);
    const pdf = await readPdf(join(r.out, 'redes-oportunidades-negocios-2022.pdf'));
    expect(pdf.text).not.toContain('…');
    expect(pdf.text).toContain(`${name} · Página 1 de`);
    expect(await layoutProblems(join(r.out, 'redes-oportunidades-negocios-2022.pdf'))).toEqual([]);
  });
  it('ficha extract refuses an attachment that would decompress past the limit', async () => {
    const dir = tmp();
    const bomb = deflateSync(Buffer.alloc(64 * 1024 * 1024));
    const pdf = Buffer.concat([
      Buffer.from('%PDF-1.7\n8 0 obj\n<<\n/Type /EmbeddedFile\n/Filter /FlateDecode\n/Length ' + bomb.length + '\n>>\nstream\n', 'latin1'),
      bomb,
      Buffer.from('\nendstream\nendobj\n9 0 obj\n<<\n/Type /Filespec\n/F (x.yaml)\n/EF <<\n/F 8 0 R\n>>\n>>\nendobj\n%%EOF\n', 'latin1'),
    ]);
    writeFileSync(join(dir, 'bomba.pdf'), pdf);
    const r = await ficha('extract', join(dir, 'bomba.pdf'), '--out', join(dir, 'x.yaml'));
    expect(r.code).toBe(1);
    expect(r.text).toContain('el archivo adjunto supera 10 MB');
    expect(existsSync(join(dir, 'x.yaml'))).toBe(false);
  });
  it('--out /proc/self/nope is a usage error, at once', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'a.yaml'), REFERENCE_YAML);
    const r = await ficha('render', join(dir, 'a.yaml'), '--out', '/proc/self/nope', '--quiet');
    expect(r.code).toBe(2);
    expect(r.text).toContain('sistema de archivos virtual');
  });
  it('a hallazgo with 1,000 nested {{#if}} is refused for its blocks, quickly; 5,000 for its length', async () => {
    const nested = (n: number) => variant((d) => (d.analisis.focalizacion.hallazgos = [`${'{{#if anio}}'.repeat(n)}x${'{{/if}}'.repeat(n)}`]));
    const blocks = await render(nested(1000));
    expect(blocks.code).toBe(1);
    expect(blocks.text.match(/\[[a-z-]+\]/g)).toEqual(['[narrative-not-allowed]']);
    const long = await render(nested(5000));
    expect(long.code).toBe(1);
    expect(long.text.match(/\[[a-z-]+\]/g)).toEqual(['[text-too-long]']);
  });
  it('a 50 MB value under an unknown key: refused, and the line is not echoed', async () => {
    const r = await render(`${REFERENCE_YAML}desconocida: ${'x'.repeat(50 * 1024 * 1024)}\n`);
    expect(r.code).toBe(1);
    expect(r.text).toContain('[file-too-large]');
    expect(r.text.length).toBeLessThan(5000);
  });
});

describe('what ended in exit 3 with a stack trace', () => {
  it.each(['"2023-13-01"', '"9999-99-99"', '2023-02-30'])('fecha: %s is an invalid value', async (fecha) => {
    const r = await render(edit('  metodologia: dipres-2022 ', `  fecha: ${fecha}\n  metodologia: dipres-2022 `));
    expect(r.code).toBe(1);
    expect(r.text).toMatch(/ficha\.fecha[\s\S]*|\[invalid-value\]/);
    expect(r.text).toContain('[invalid-value]');
  });
  it('SOURCE_DATE_EPOCH=99999999999999 and --date past year 9999 are usage errors', async () => {
    process.env.SOURCE_DATE_EPOCH = '99999999999999';
    try {
      const r = await render(REFERENCE_YAML);
      expect(r.code).toBe(2);
      expect(r.text).toContain('SOURCE_DATE_EPOCH');
    } finally {
      delete process.env.SOURCE_DATE_EPOCH;
    }
    const d = await render(REFERENCE_YAML, '--date', '+010000-01-01T00:00:00Z');
    expect(d.code).toBe(2);
  });
  it('a programa.id longer than 223 characters is an invalid value', async () => {
    const r = await render(edit('id: redes-oportunidades-negocios', `id: ${'a'.repeat(240)}`));
    expect(r.code).toBe(1);
    expect(r.text).toContain('[invalid-value]');
  });
  it('--out at a file, under a file, at /dev/null or at a symlink loop; --templates FILE; extract --out at a folder or under a file: usage errors', async () => {
    const dir = tmp();
    const input = join(dir, 'a.yaml');
    writeFileSync(input, REFERENCE_YAML);
    writeFileSync(join(dir, 'archivo'), 'x');
    symlinkSync(join(dir, 'bucle'), join(dir, 'bucle'));
    for (const out of [join(dir, 'archivo'), join(dir, 'archivo', 'sub'), '/dev/null', join(dir, 'bucle')]) {
      const r = await ficha('render', input, '--out', out, '--quiet');
      expect(r.code, out).toBe(2);
      expect(r.text).not.toMatch(STACK);
    }
    expect((await ficha('render', input, '--out', join(dir, 'o'), '--templates', join(dir, 'archivo'), '--quiet')).code).toBe(2);
    const made = await ficha('render', input, '--out', join(dir, 'o'), '--quiet', '--no-charts');
    expect(made.code).toBe(0);
    const pdf = join(dir, 'o', 'redes-oportunidades-negocios-2022.pdf');
    expect((await ficha('extract', pdf, '--out', join(dir, 'o'))).code).toBe(2);
    expect((await ficha('extract', pdf, '--out', join(dir, 'archivo', 'x.yaml'))).code).toBe(2);
  });
  it('150 ordinary aliases, and an alias bomb, in render and in validate (which goes on with the next file)', async () => {
    const aliases = `${REFERENCE_YAML}\nancla: &x 1\nlista: [${Array.from({ length: 150 }, () => '*x').join(', ')}]\n`;
    expect((await render(aliases)).text).toContain('[yaml-alias-limit]');
    const bomb = `${REFERENCE_YAML}\na: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n`;
    const r = await render(bomb);
    expect(r.code).toBe(1);
    expect(r.text).toContain('[yaml-alias-limit]');
    const dir = tmp();
    writeFileSync(join(dir, 'a.yaml'), bomb);
    writeFileSync(join(dir, 'b.yaml'), REFERENCE_YAML);
    const v = await ficha('validate', dir);
    expect(v.code).toBe(1);
    expect(v.text).toContain('b.yaml: válido');
  });
  it('ficha validate DIR with a folder named x.yaml reports it and validates the others', async () => {
    const dir = tmp();
    mkdirSync(join(dir, 'x.yaml'));
    writeFileSync(join(dir, 'y.yaml'), REFERENCE_YAML);
    const r = await ficha('validate', dir);
    expect(r.code).toBe(1);
    expect(r.text).toContain('es una carpeta');
    expect(r.text).toContain('y.yaml: válido');
    expect(r.text).not.toMatch(STACK);
  });
});

describe('silent changes and leaks', () => {
  it("2022: and '2022': in one year map is a duplicate at the second key", async () => {
    const r = await render(edit('    2022: { objetivo: 5044', "    '2022': { objetivo: 1, beneficiaria: 1 }\n    2022: { objetivo: 5044"));
    expect(r.code).toBe(1);
    expect(r.text).toContain('[duplicate-key]');
  });
  it.each(['__proto__', 'constructor', 'toString'])('a subtítulo keyed %s is data: an unknown subtítulo', async (key) => {
    const r = await render(edit('    21: 26689', `    ${key}: 26689`));
    expect(r.code).toBe(1);
    expect(r.text).toContain('[unknown-subtitulo]');
    expect(r.text).not.toContain('native code');
  });
  it('Latin-1 and invalid UTF-8 are refused at the first bad byte; UTF-16 is named', async () => {
    const latin = await render(Buffer.from('formato: 1\nprograma:\n  nombre: Programa de Ñuble\n', 'latin1'));
    expect(latin.code).toBe(1);
    expect(latin.text).toMatch(/entrada\.yaml:3:23 error .*Latin-1.*\[not-utf8\]/);
    const bad = await render(Buffer.concat([Buffer.from('formato: 1\nx: '), Buffer.from([0xc3, 0x28]), Buffer.from('\n')]));
    expect(bad.text).toMatch(/entrada\.yaml:2:4 error .*\[not-utf8\]/);
    const utf16 = await render(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(REFERENCE_YAML, 'utf16le')]));
    expect(utf16.text).toMatch(/UTF-16.*\[not-utf8\]/);
    expect(utf16.text).not.toContain('��');
  });
  it('narratives: log, [object Object], @root, lookup, each, bad decimals are diagnostics; validate --json stays JSON', async () => {
    const cases: [string, string][] = [
      ['{{log "x"}}', 'narrative-unknown-helper'],
      ['{{cobertura}}', 'narrative-unknown-name'],
      ['{{@root}}', 'narrative-not-allowed'],
      ['{{lookup cobertura "nope"}}', 'narrative-unknown-helper'],
      ['{{#each this}}x{{/each}}', 'narrative-not-allowed'],
      ['{{pct cobertura.t -1}}', 'narrative-invalid-argument'],
      ['{{pct cobertura.t 1.5}}', 'narrative-invalid-argument'],
      ['{{pct cobertura.t 7}}', 'narrative-invalid-argument'],
    ];
    for (const [expr, code] of cases) {
      const dir = tmp();
      writeFileSync(join(dir, 'a.yaml'), edit('  proposito: >-\n', `  proposito: >-\n    ${expr}\n`));
      const r = await ficha('validate', join(dir, 'a.yaml'), '--json');
      expect(r.code, expr).toBe(1);
      const report = JSON.parse(r.text);
      expect(report[0].diagnostics.map((d: { code: string }) => d.code), expr).toContain(code);
    }
  });
  it('control characters are refused at their place; what diagnostics echo is escaped', async () => {
    for (const ch of ['\u0000', '\uFFFE', '\u001b[31m']) {
      const r = await render(edit(NAME, `${NAME}${ch}x`));
      expect(r.code).toBe(1);
      expect(r.text).toContain('[control-character]');
      expect(r.text).not.toMatch(/[\u0000\u001b]/);
    }
    const key = await render(`${REFERENCE_YAML}"\u001b[2Jclave": 1\n`);
    expect(key.text).not.toContain('\u001b');
  });
  it('a control character written with a YAML escape is a warning at its value and a visible replacement, and the ficha renders', async () => {
    const r = await render(edit(NAME, 'nombre: "Redes de\\a Oportunidades\\x00 de\\u001b[2J Negocios"'));
    expect(r.code).toBe(0);
    expect(r.text).toMatch(/entrada\.yaml:\d+:\d+ advertencia carácter de control U\+0007 .*\[unsupported-character\]/);
    expect(r.text).not.toMatch(/[\u0000\u0007\u001b]/);
    const pdf = await readPdf(join(r.out, 'redes-oportunidades-negocios-2022.pdf'));
    expect(pdf.text).toContain('REDES DE\uFFFD OPORTUNIDADES\uFFFD DE\uFFFD[2J NEGOCIOS');
    expect(pdf.text).not.toMatch(/[\u0000-\u0008\u001b]/);
  });
  it('characters the font cannot draw are a warning at their place and a visible replacement', async () => {
    const r = await render(edit(NAME, `${NAME} 漢字 😀 العربية देवनागरी`));
    expect(r.code).toBe(0);
    expect(r.text).toMatch(/entrada\.yaml:\d+:\d+ advertencia .*«漢».*\[unsupported-character\]/);
    const pdf = await readPdf(join(r.out, 'redes-oportunidades-negocios-2022.pdf'));
    expect(pdf.text).toContain('\uFFFD');
  });
  it('right-to-left text (Hebrew, which the font has) is a warning and a replacement, never printed reversed', async () => {
    const r = await render(edit(NAME, `${NAME} (שלום) \u202Eabc`));
    expect(r.code).toBe(0);
    expect(r.text).toMatch(/derecha a izquierda.*\[unsupported-character\]/);
    const pdf = await readPdf(join(r.out, 'redes-oportunidades-negocios-2022.pdf'));
    expect(pdf.text).not.toMatch(/[\u0590-\u05FF\u202E]/);
  });
  it('inflactores: 1e300 is refused; an implausible one or more than 50 components is a warning; 10,000 components are refused', async () => {
    expect((await render(edit('2020: 1.1837', '2020: 1e300'))).text).toContain('[invalid-value]');
    const odd = await render(edit('2020: 1.1837', '2020: 3'));
    expect(odd.code).toBe(0);
    expect(odd.text).toContain('[inflactor-inusual]');
    const comp = (n: number) =>
      REFERENCE_YAML.replace(/^componentes:\n/m, `componentes:\n${Array.from({ length: n }, (_, i) => `  - { nombre: C${i}, unidad: U, por_anio: { 2022: { gasto: 0, produccion: 0 } } }\n`).join('')}`);
    const many = await render(comp(60));
    expect(many.text).toContain('[demasiados-componentes]');
    const huge = await render(comp(10_000));
    expect(huge.code).toBe(1);
    expect(huge.text).toContain('[too-many-items]');
  });
});
