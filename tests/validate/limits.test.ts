import { describe, expect, it } from 'vitest';
import { runStages } from '../../src/pipeline/pipeline.js';
import { formatDiagnostic } from '../../src/diagnostics/report.js';
import { CODES } from '../../src/diagnostics/codes.js';
import { REFERENCE_YAML } from '../helpers.js';

/** The reference with one exact piece of text replaced (it must occur exactly once). */
function edit(from: string, to: string, base = REFERENCE_YAML): string {
  expect(base.split(from), `«${from}» must occur once`).toHaveLength(2);
  return base.replace(from, to);
}

/** 1-based line and column of the first occurrence of `needle` in `text`. */
function where(text: string, needle: string): { line: number; column: number } {
  const idx = text.indexOf(needle);
  expect(idx, `«${needle.slice(0, 40)}» not found`).toBeGreaterThanOrEqual(0);
  const before = text.slice(0, idx).split('\n');
  return { line: before.length, column: before[before.length - 1]!.length + 1 };
}

interface Case {
  name: string;
  input: () => string | Uint8Array;
  code: string;
  /** Where the diagnostic must point: a needle of the text, or an explicit position. */
  at: string | { line: number; column: number };
  severity?: 'error' | 'warning';
}

const NAME = 'nombre: Redes de Oportunidades de Negocios';
const DESC = '  proposito: >-\n';
const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]', 'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]', 'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]', 'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]', 'e: [*d,*d,*d,*d,*d,*d,*d,*d,*d]'].join('\n');
/** A file saved as Latin-1 by a spreadsheet: Ñ is the single byte 0xD1. */
const latin1 = () => Buffer.from('formato: 1\nprograma:\n  nombre: Programa de Ñuble\n', 'latin1');
const nested = (n: number) => `${'['.repeat(n)}1${']'.repeat(n)}`;

const cases: Case[] = [
  { name: 'an alias bomb (billion laughs)', input: () => `${REFERENCE_YAML}\nbomba:\n${bomb.replace(/^/gm, '  ')}\n`, code: 'yaml-alias-limit', at: '*a' },
  { name: 'more than 100 ordinary aliases', input: () => `${REFERENCE_YAML}\nancla: &x 1\nlista: [${Array.from({ length: 150 }, () => '*x').join(', ')}]\n`, code: 'yaml-alias-limit', at: { line: REFERENCE_YAML.split('\n').length + 2, column: 9 + 4 * 100 } },
  { name: 'a merge key is no merge: an unknown key', input: () => edit('programa:\n', 'programa:\n  <<: {x: 1}\n'), code: 'unknown-key', at: '<<' },
  { name: 'a file over 2 MB', input: () => REFERENCE_YAML + `# ${'x'.repeat(2 * 1024 * 1024)}\n`, code: 'file-too-large', at: { line: 1, column: 1 } },
  { name: 'a text over 20,000 characters', input: () => edit(DESC, `${DESC}    ${'a'.repeat(20_001)}\n`), code: 'text-too-long', at: '>-\n    aaaa' },
  { name: 'nesting deeper than 20 levels', input: () => edit('  ods: [8]', `  ods: ${nested(25)}`), code: 'too-deep', at: { line: where(REFERENCE_YAML, '  ods: [8]').line, column: 8 + 19 } },
  { name: 'a list of more than 200 items', input: () => edit('  ods: [8]', `  ods: [${Array.from({ length: 201 }, () => 8).join(', ')}]`), code: 'too-many-items', at: '[8, 8' },
  { name: 'an infinite number', input: () => edit('inicial: 298370,', 'inicial: .inf,'), code: 'non-finite-number', at: '.inf' },
  { name: 'not a number', input: () => edit('inicial: 298370,', 'inicial: .nan,'), code: 'non-finite-number', at: '.nan' },
  { name: 'a number too large to be finite', input: () => edit('inicial: 298370,', 'inicial: 1e400,'), code: 'non-finite-number', at: '1e400' },
  { name: 'a duplicate key', input: () => edit('  servicio: ', '  servicio: Otro\n  servicio: '), code: 'duplicate-key', at: '  servicio: Servicio'.replace('  ', '') },
  { name: "a year written twice, as 2022 and '2022'", input: () => edit('    2022: { objetivo: 5044', "    '2022': { objetivo: 1, beneficiaria: 1 }\n    2022: { objetivo: 5044"), code: 'duplicate-key', at: '2022: { objetivo: 5044' },
  { name: 'a NUL character', input: () => edit(NAME, `${NAME}\u0000x`), code: 'control-character', at: '\u0000' },
  { name: 'an escape sequence', input: () => edit(NAME, `${NAME}\u001b[31mrojo`), code: 'control-character', at: '\u001b' },
  { name: 'U+FFFE', input: () => edit(NAME, `${NAME}\uFFFE`), code: 'control-character', at: '\uFFFE' },
  { name: 'a Latin-1 file', input: latin1, code: 'not-utf8', at: 'Ñuble' },
  { name: 'a UTF-16 file', input: () => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(REFERENCE_YAML, 'utf16le')]), code: 'not-utf8', at: { line: 1, column: 1 } },
  { name: 'an id with a slash', input: () => edit('id: redes-oportunidades-negocios', 'id: ../../etc/x'), code: 'invalid-value', at: '../../etc/x' },
  { name: 'an id with a leading dot', input: () => edit('id: redes-oportunidades-negocios', 'id: .oculto'), code: 'invalid-value', at: '.oculto' },
  { name: 'an id starting with a hyphen', input: () => edit('id: redes-oportunidades-negocios', 'id: -x'), code: 'invalid-value', at: '-x' },
  { name: 'a reserved device name as id', input: () => edit('id: redes-oportunidades-negocios', 'id: con'), code: 'invalid-value', at: 'con\n' },
  { name: 'an id over 100 characters', input: () => edit('id: redes-oportunidades-negocios', `id: ${'a'.repeat(230)}`), code: 'invalid-value', at: 'aaaa' },
  { name: 'a name over 500 characters', input: () => edit(NAME, `nombre: ${'Programa '.repeat(70)}`), code: 'invalid-value', at: 'Programa Programa' },
  { name: 'a character the font cannot draw', input: () => edit(NAME, `${NAME} 漢字`), code: 'unsupported-character', at: '漢', severity: 'warning' },
  { name: 'an emoji', input: () => edit(NAME, `${NAME} 😀`), code: 'unsupported-character', at: '😀', severity: 'warning' },
  { name: 'a block helper in a narrative', input: () => edit(DESC, `${DESC}    {{#if anio}}x{{/if}}\n`), code: 'narrative-not-allowed', at: '{{#if' },
  { name: '1,000 nested blocks', input: () => edit(DESC, `${DESC}    ${'{{#if anio}}'.repeat(1000)}x${'{{/if}}'.repeat(1000)}\n`), code: 'narrative-not-allowed', at: '{{#if' },
  { name: 'a partial in a narrative', input: () => edit(DESC, `${DESC}    {{> encabezado}}\n`), code: 'narrative-not-allowed', at: '{{>' },
  { name: '@root in a narrative', input: () => edit(DESC, `${DESC}    {{@root}}\n`), code: 'narrative-not-allowed', at: '{{@root}}' },
  { name: 'this in a narrative', input: () => edit(DESC, `${DESC}    {{this}}\n`), code: 'narrative-not-allowed', at: '{{this}}' },
  { name: 'log in a narrative', input: () => edit(DESC, `${DESC}    {{log "x"}}\n`), code: 'narrative-unknown-helper', at: 'log "x"' },
  { name: 'lookup in a narrative', input: () => edit(DESC, `${DESC}    {{lookup cobertura "nope"}}\n`), code: 'narrative-unknown-helper', at: 'lookup cobertura' },
  { name: 'a series, not a figure', input: () => edit(DESC, `${DESC}    {{cobertura}}\n`), code: 'narrative-unknown-name', at: '{{cobertura}}' },
  { name: 'a prototype property', input: () => edit(DESC, `${DESC}    {{cobertura.constructor}}\n`), code: 'narrative-unknown-name', at: '{{cobertura.constructor}}' },
  { name: 'negative decimals', input: () => edit(DESC, `${DESC}    {{pct cobertura.t -1}}\n`), code: 'narrative-invalid-argument', at: '{{pct cobertura.t -1}}' },
  { name: 'fractional decimals', input: () => edit(DESC, `${DESC}    {{pct cobertura.t 1.5}}\n`), code: 'narrative-invalid-argument', at: '{{pct cobertura.t 1.5}}' },
  { name: 'too many decimals', input: () => edit(DESC, `${DESC}    {{num gasto_total.t 7}}\n`), code: 'narrative-invalid-argument', at: '{{num gasto_total.t 7}}' },
  { name: 'a subtítulo called constructor', input: () => edit('    21: 26689', '    constructor: 26689'), code: 'unknown-subtitulo', at: 'constructor' },
  { name: 'a metodología misspelt', input: () => edit('metodologia: dipres-2022 ', 'metodologia: dipres-2202 '), code: 'unknown-ruleset', at: 'dipres-2202' },
];

describe('limits and hostile values, each a diagnostic at its place', () => {
  it('has at least 40 invalid inputs with the generated per-key corpus', () => expect(cases.length).toBeGreaterThanOrEqual(35));
  it.each(cases)('$name -> $code', ({ input, code, at, severity = 'error' }) => {
    const source = input();
    const text = typeof source === 'string' ? source : Buffer.from(source).toString('latin1');
    const staged = runStages('limite.yaml', source);
    const pos = typeof at === 'string' ? where(text, at) : at;
    const d = staged.diagnostics.find((x) => x.code === code);
    expect(d, JSON.stringify(staged.diagnostics.slice(0, 4))).toBeDefined();
    expect(d!.severity).toBe(severity);
    expect({ line: d!.line, column: d!.column }).toEqual(pos);
    expect(Object.keys(CODES)).toContain(code);
    if (severity === 'error') expect(staged.layout).toBeUndefined();
    // What the diagnostic echoes stays short and free of control characters.
    const shown = formatDiagnostic(d!, typeof source === 'string' ? source : undefined);
    expect(shown.length).toBeLessThan(1200);
    expect(shown).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
  });
});
