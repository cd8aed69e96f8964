import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { isMap, isScalar, isSeq, parseDocument, YAMLParseError, type ErrorCode } from 'yaml';
import { osErrorText } from '../../src/diagnostics/osError.js';
import { explainYamlError } from '../../src/load/yamlErrors.js';
import { runStages } from '../../src/pipeline/stages.js';
import { englishIn } from '../english.js';
import { REFERENCE_YAML } from '../helpers.js';

function messagesOf(text: string): string[] {
  return runStages('f.yaml', text, { layout: false }).diagnostics.map((d) => d.message);
}

/** Every scalar of the reference input with its path, to be replaced by wrong values one at a time. */
function scalarPaths(): (string | number)[][] {
  const out: (string | number)[][] = [];
  const walk = (node: unknown, path: (string | number)[]) => {
    if (isMap(node)) for (const p of node.items) walk(p.value, [...path, String((p.key as { value: unknown }).value)]);
    else if (isSeq(node)) node.items.forEach((n, i) => walk(n, [...path, i]));
    else if (isScalar(node)) out.push(path);
  };
  walk(parseDocument(REFERENCE_YAML).contents, []);
  return out;
}

const WRONG: unknown[] = ['x', '', -1, 1.5, 1e20, 3000, [1], { a: 1 }, null, true, '76%', '5.221.470', '15/03/2026', 'sin_deficiencia', 'S/l'];

describe('no English word reaches a user', () => {
  it('in any diagnostic the schema emits for a wrong value at any key of the reference input', () => {
    const found = new Map<string, string>();
    const paths = scalarPaths();
    expect(paths.length).toBeGreaterThan(80);
    for (const path of paths) {
      for (const wrong of WRONG) {
        const doc = parseDocument(REFERENCE_YAML);
        doc.setIn(path, doc.createNode(wrong));
        for (const m of messagesOf(doc.toString())) for (const w of englishIn(m)) found.set(w, m);
      }
    }
    // Missing keys and unknown keys, at every map.
    for (const path of paths.filter((p) => p.length > 1)) {
      const doc = parseDocument(REFERENCE_YAML);
      try {
        doc.deleteIn(path);
        doc.setIn([...path.slice(0, -1), 'clave_extra'], 1);
      } catch {
        continue; // inside a flow map the library cannot edit: covered by the wrong values above
      }
      for (const m of messagesOf(doc.toString())) for (const w of englishIn(m)) found.set(w, m);
    }
    expect([...found.entries()]).toEqual([]);
  });

  it('in any message of the yaml library, for each of its error codes (read from its types)', () => {
    const types = readFileSync(join(createRequire(import.meta.url).resolve('yaml'), '../errors.d.ts'), 'utf8');
    const codes = [...(/type ErrorCode = ([^;]+);/.exec(types)?.[1] ?? '').matchAll(/'([A-Z_0-9]+)'/g)].map((m) => m[1] as ErrorCode);
    expect(codes.length).toBeGreaterThan(20);
    for (const code of codes) {
      const { message } = explainYamlError(new YAMLParseError([0, 1], code, 'Some English message at line 1, column 1: value must be unique'), 'a: b\n');
      expect(englishIn(message), `${code}: ${message}`).toEqual([]);
    }
  });

  it('in what the loader says of malformed YAML as analysts write it', () => {
    const broken = [
      'formato: 1\nficha: [1, 2\n',
      'formato: 1\nficha: {anio: 1\n',
      'formato: "abc\n',
      "formato: 'abc\n",
      'a:\n\t- b\n',
      'a: b: c\n',
      'a: *nada\n',
      'a: @b\n',
      'a: [1,,2]\n',
      'a: 1\n---\nb: 2\n',
      'a: !!binary xyz\n',
      'a: "\\q"\n',
      'a: b\n  c: d\n',
      'a: |x\n  b\n',
      'a: &x &y 1\n',
      'a: 1\na: 2\n',
      '- a\nb: 1\n',
      'a:\n  - 1\n - 2\n',
      '? [a]\n: 1\n',
      'a: b #c\n  d#e\n',
      'a: {b: 1 c: 2}\n',
      'x'.repeat(1100) + ': 1\n',
      '%FOO bar\n---\na: 1\n',
      'a: 1e400\n',
      'a: \u0001\n',
    ];
    for (const text of broken) {
      for (const m of messagesOf(text)) expect(englishIn(m), `${JSON.stringify(text)}: ${m}`).toEqual([]);
    }
  });

  it('in the command line usage errors (commander) and system errors (Node)', async () => {
    const { main } = await import('../../src/cli/program.js');
    const err: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((c: string | Uint8Array) => (err.push(String(c)), true));
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const calls = [['nope'], ['render'], ['render', 'x', '--bogus'], ['render', 'x', '--jobs'], ['manifest', 'merge', 'x'], ['cache', 'clear', 'extra'], ['validate', '/nonexistent/f.yaml'], ['validate', '/']];
    for (const args of calls) await main(['node', 'ficha', ...args]).catch(() => 0);
    expect(err.join('').split('\n').filter((l) => l.startsWith('error:')).length).toBeGreaterThanOrEqual(6);
    for (const line of err.join('').split('\n')) expect(englishIn(line), line).toEqual([]);
    for (const code of ['ENOENT', 'EACCES', 'EISDIR', 'ENOSPC', 'EROFS', 'EWHATEVER', undefined]) {
      expect(englishIn(osErrorText(Object.assign(new Error('ENOENT: no such file or directory'), { code }))), String(code)).toEqual([]);
    }
  });
});

afterEach(() => vi.restoreAllMocks());
