import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { decodeSource, findControlCharacter } from './decode.js';
import { LIMITS } from './limits.js';
import { repairFlowCommas } from './flowCommas.js';
import { prescan } from './prescan.js';
import { diagnoseIndentation, indentMessage } from './indentation.js';
import { explainYamlError } from './yamlErrors.js';

export interface LoadedSource {
  file: string;
  text: string;
  doc: Document.Parsed;
  lineCounter: LineCounter;
}

/**
 * Parses YAML 1.2 keeping positions. Syntax problems, duplicate keys and every limit of
 * `limits.ts` become diagnostics; bytes are decoded first (UTF-8 only).
 */
export function loadYaml(file: string, input: string | Uint8Array): { source: LoadedSource; diagnostics: Diagnostic[] } {
  const lineCounter = new LineCounter();
  let text = '';
  const early: Diagnostic[] = [];
  if (typeof input === 'string') {
    text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
    if (text.length > LIMITS.fileBytes) early.push({ code: 'file-too-large', severity: 'error', message: `el archivo tiene ${text.length.toLocaleString('es-CL')} caracteres: el máximo es ${LIMITS.fileBytes.toLocaleString('es-CL')} (2 MB)`, file, line: 1, column: 1 });
  } else {
    const decoded = decodeSource(file, input);
    early.push(...decoded.diagnostics);
    text = decoded.text ?? '';
  }
  if (!early.length) {
    const control = findControlCharacter(text);
    if (control) early.push({ code: 'control-character', severity: 'error', message: control.message, file, line: control.line, column: control.column });
  }
  if (!early.length) {
    const crowded = prescan(text);
    if (crowded) {
      early.push({ code: crowded.code, severity: 'error', message: crowded.message, file, ...positionIn(text, crowded.offset) });
    }
  }
  if (early.length) {
    // Nothing is parsed: an empty document keeps the source's shape for the stages' types.
    return { source: { file, text: early.some((d) => d.code === 'file-too-large' || d.code === 'not-utf8') ? '' : text, doc: parseDocument('', { lineCounter }), lineCounter }, diagnostics: early };
  }
  // Repeated keys are found by structuralProblems with a map, in linear time: yaml's own check
  // compares each key with every earlier one (64,000 keys took 44 s).
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, { lineCounter, version: '1.2', uniqueKeys: false, prettyErrors: false, merge: false });
  } catch (err) {
    // A nesting the prescan did not see that still overflows the parser's stack.
    if (!(err instanceof RangeError)) throw err;
    return { source: { file, text, doc: parseDocument('', { lineCounter: new LineCounter() }), lineCounter }, diagnostics: [{ code: 'too-deep', severity: 'error', message: `demasiados niveles de anidación: el máximo es ${LIMITS.depth}`, file, line: 1, column: 1 }] };
  }
  const diagnostics: Diagnostic[] = [];
  const at = (offset: number) => lineCounter.linePos(offset);
  // `{ 2021: 73,0 }`: reported once at the number; the stray keys it made (and their duplicates) are not.
  const commas = repairFlowCommas(doc, text);
  for (const c of commas) {
    const pos = at(c.offset);
    diagnostics.push({
      code: 'number-format',
      severity: 'error',
      message: `se esperaba un número; se encontró «${c.typed}»: en YAML la coma separa los elementos de { } y los decimales se marcan con punto: ¿quiso decir ${c.meant}?`,
      file,
      line: pos.line,
      column: pos.col,
      suggestion: c.meant,
    });
  }
  const indentation = diagnoseIndentation(text, doc.errors);
  if (indentation) {
    for (const f of indentation.fixes) diagnostics.push({ code: 'yaml-indent', severity: 'error', message: indentMessage(f), file, line: f.line, column: f.column });
    // What is left is wrong in the file as fixed; it differs from the file only in leading spaces.
    for (const err of indentation.rest) {
      const { code, message, offset } = explainYamlError(err, indentation.fixedText);
      diagnostics.push({ code, severity: 'error', message, file, ...positionIn(indentation.fixedText, offset) });
    }
  } else {
    for (const err of doc.errors) {
      const { code, message, offset } = explainYamlError(err, text);
      const pos = at(offset);
      diagnostics.push({ code, severity: 'error', message, file, line: pos.line, column: pos.col });
    }
  }
  for (const err of doc.warnings) {
    const { code, message, offset } = explainYamlError(err, text);
    const pos = at(offset);
    diagnostics.push({ code, severity: 'warning', message, file, line: pos.line, column: pos.col });
  }
  if (!doc.errors.length) {
    for (const p of structuralProblems(doc)) {
      const pos = at(p.offset);
      diagnostics.push({ code: p.code, severity: 'error', message: p.message, file, line: pos.line, column: pos.col });
    }
  }
  return { source: { file, text, doc, lineCounter }, diagnostics: withoutRepeats(diagnostics) };
}

/** Line and column (1-based) of an offset in a text that was not parsed (no line counter knows it). */
function positionIn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  return { line: before.split('\n').length, column: offset - before.lastIndexOf('\n') };
}

/** The parser often reports one mistake twice at one place (e.g. a text with «: »): say it once. */
function withoutRepeats(list: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return list.filter((d) => {
    const key = `${d.line}:${d.column}:${d.code}:${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

interface Problem {
  code: string;
  message: string;
  offset: number;
}

/**
 * One walk over the document: nesting depth, aliases, text length, list length, numbers that are
 * not finite, and keys that repeat once written the same way (`2022:` and `'2022':`).
 */
function structuralProblems(doc: Document.Parsed): Problem[] {
  const out: Problem[] = [];
  let aliases = 0;
  const walk = (node: Node | null | undefined, depth: number): void => {
    if (!node || out.length >= 20) return;
    const offset = node.range?.[0] ?? 0;
    if (depth > LIMITS.depth) {
      out.push({ code: 'too-deep', message: `demasiados niveles de anidación: el máximo es ${LIMITS.depth}`, offset });
      return;
    }
    if (isAlias(node)) {
      if (++aliases === LIMITS.aliases + 1) out.push({ code: 'yaml-alias-limit', message: `demasiados alias YAML (*ancla): el máximo es ${LIMITS.aliases} por archivo`, offset });
      return;
    }
    if (isScalar(node)) {
      const v = node.value;
      if (typeof v === 'number' && !Number.isFinite(v)) out.push({ code: 'non-finite-number', message: `se esperaba un número finito; se encontró ${String(node.source ?? v)}`, offset });
      if (typeof v === 'string' && v.length > LIMITS.textLength) {
        out.push({ code: 'text-too-long', message: `el texto tiene ${v.length.toLocaleString('es-CL')} caracteres: el máximo es ${LIMITS.textLength.toLocaleString('es-CL')}`, offset });
      }
      return;
    }
    if (isSeq(node)) {
      if (node.items.length > LIMITS.listItems) out.push({ code: 'too-many-items', message: `la lista tiene ${node.items.length} elementos: el máximo es ${LIMITS.listItems}`, offset });
      for (const item of node.items) walk(item as Node, depth + 1);
      return;
    }
    if (isMap(node)) {
      if (node.items.length > LIMITS.listItems) out.push({ code: 'too-many-items', message: `el mapa tiene ${node.items.length} claves: el máximo es ${LIMITS.listItems}`, offset });
      const seen = new Map<string, unknown>();
      for (const pair of node.items) {
        const key = pair.key as Node | null;
        if (isScalar(key)) {
          const name = String(key.value);
          if (seen.has(name)) {
            const how = seen.get(name) === key.value ? '' : ', escrita de otra forma';
            out.push({ code: 'duplicate-key', message: `clave duplicada «${name.slice(0, 80)}»: ya aparece antes en este mapa${how}; cada clave puede aparecer una sola vez`, offset: key.range?.[0] ?? offset });
          }
          seen.set(name, key.value);
        } else if (key) walk(key, depth + 1);
        walk(pair.value as Node, depth + 1);
      }
    }
  };
  walk(doc.contents as Node, 0);
  return out;
}
