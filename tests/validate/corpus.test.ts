import { isMap, isSeq, parseDocument, type Document } from 'yaml';
import { describe, expect, it } from 'vitest';
import { keyPaths } from '../../src/validate/jsonSchema.js';
import { CODES } from '../../src/diagnostics/codes.js';
import { runStages } from '../../src/pipeline/pipeline.js';
import { REFERENCE_YAML } from '../helpers.js';

/**
 * The invalid-input corpus. Part one is generated: every key of the format (from the JSON
 * Schema's key paths) gets a value of the wrong type, and the diagnostic must be `invalid-value`
 * at that value's line and column. Part two, in `limits.test.ts`, covers each limit by hand.
 */

/** A concrete path in the reference document for a key path: `*` -> the year t, `[]` -> item 0. */
function concrete(keyPath: string): (string | number)[] {
  return keyPath
    .replace(/\[\]/g, '.0')
    .split('.')
    .map((s) => (s === '*' ? 2022 : /^\d+$/.test(s) ? Number(s) : s));
}

const VERDICT_SUBKEYS = /^(analisis\.\w+\.\w+)\.(texto|valor|hallazgo|indicador|pertinente)$/;

/** The reference with the value at `path` replaced by `[[true]]`, written on the key's line. */
function withWrongValue(keyPath: string): { text: string; path: (string | number)[] } {
  const doc = parseDocument(REFERENCE_YAML) as Document.Parsed;
  const path = concrete(keyPath);
  const verdict = VERDICT_SUBKEYS.exec(keyPath);
  if (verdict) {
    // The object form of a verdict: {valor, texto} (or {pertinente, texto}), then one key wrong.
    const parent = concrete(verdict[1]!);
    const obj = verdict[1]!.endsWith('justificacion_gasto_por_beneficiario') ? { pertinente: true, texto: 'x' } : { texto: 'x' };
    doc.setIn(parent, doc.createNode(obj, { flow: true }));
  } else if (keyPath === 'contingencia_sanitaria.fet.monto' || keyPath === 'contingencia_sanitaria.fet.texto') {
    doc.setIn(['contingencia_sanitaria', 'fet'], doc.createNode({ monto: 1, texto: 'x' }, { flow: true }));
  }
  // Lists and maps the reference leaves empty need a first item to hold the wrong value.
  for (let i = 1; i < path.length; i++) {
    const parent = doc.getIn(path.slice(0, i), true);
    if (isSeq(parent) && parent.items.length === 0 && typeof path[i] === 'number') parent.items.push(doc.createNode({}));
    if (parent === undefined || (!isMap(parent) && !isSeq(parent) && typeof path[i] === 'string' && i < path.length)) {
      if (parent === undefined) doc.setIn(path.slice(0, i), doc.createNode({}));
    }
  }
  const wrong = doc.createNode([[true]], { flow: true });
  doc.setIn(path, wrong);
  return { text: doc.toString({ lineWidth: 0 }), path };
}

function positionOf(text: string, path: (string | number)[]): { line: number; column: number } {
  const doc = parseDocument(text);
  const node = doc.getIn(path, true) as { range: [number, number, number] };
  const before = text.slice(0, node.range[0]).split('\n');
  return { line: before.length, column: before[before.length - 1]!.length + 1 };
}

const KEYS = [...new Set(keyPaths())];

describe('every key of the format, given a value of the wrong type', () => {
  it('the corpus covers every key (more than 40 inputs)', () => expect(KEYS.length).toBeGreaterThan(40));
  it.each(KEYS)('%s', (keyPath) => {
    const { text, path } = withWrongValue(keyPath);
    const at = positionOf(text, path);
    const errors = runStages('corpus.yaml', text).diagnostics.filter((d) => d.severity === 'error');
    const shown = path.map((s, i) => (typeof s === 'number' && typeof path[i - 1] !== 'number' && !/^\d{4}$/.test(String(s)) ? `[${s}]` : `${i ? '.' : ''}${s}`)).join('').replace(/\.\[/g, '[');
    const d = errors.find((e) => e.code === 'invalid-value' && e.line === at.line && e.column !== undefined && e.column >= at.column && e.column <= at.column + 2);
    expect(d, `${shown} at ${at.line}:${at.column}; got ${JSON.stringify(errors.map((e) => [e.code, e.line, e.column, e.path]))}`).toBeDefined();
    expect(d!.message).toMatch(/se esperaba .*; se encontró/);
    expect(Object.keys(CODES)).toContain(d!.code);
  });
});
