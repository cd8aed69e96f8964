import { LineCounter, parseDocument, type Document, type YAMLError } from 'yaml';
import type { Diagnostic } from '../diagnostics/diagnostic.js';

export interface LoadedSource {
  file: string;
  text: string;
  doc: Document.Parsed;
  lineCounter: LineCounter;
}

/** Parses YAML 1.2 text keeping positions; syntax problems and duplicate keys become diagnostics. */
export function loadYaml(file: string, text: string): { source: LoadedSource; diagnostics: Diagnostic[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, version: '1.2', uniqueKeys: true, prettyErrors: false });
  const diagnostics: Diagnostic[] = [];
  const errors = new Set<YAMLError>(doc.errors);
  for (const err of [...doc.errors, ...doc.warnings]) {
    const { code, message, offset } = explain(err, text);
    const pos = lineCounter.linePos(offset);
    diagnostics.push({ code, severity: errors.has(err) ? 'error' : 'warning', message, file, line: pos.line, column: pos.col });
  }
  return { source: { file, text, doc, lineCounter }, diagnostics };
}

/** Spanish text for the usual YAML mistakes; an unclosed bracket or quote is reported where it opens. */
function explain(err: YAMLError, text: string): { code: string; message: string; offset: number } {
  const at = err.pos[0];
  const opened = (ch: string) => {
    const i = text.lastIndexOf(ch, Math.max(0, at - 1));
    return i >= 0 ? i : at;
  };
  const english = err.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
  switch (err.code) {
    case 'DUPLICATE_KEY':
      return { code: 'duplicate-key', message: 'clave duplicada: cada clave puede aparecer una sola vez en un mapa', offset: at };
    case 'TAB_AS_INDENT':
      return { code: 'yaml-syntax', message: 'YAML no válido: no se permiten tabulaciones como sangría; use espacios', offset: at };
    case 'BLOCK_AS_IMPLICIT_KEY':
    case 'MULTILINE_IMPLICIT_KEY':
      return { code: 'yaml-syntax', message: 'YAML no válido: un texto con «: » debe ir entre comillas, o falta un salto de línea', offset: at };
    case 'MISSING_CHAR':
      if (/quote/i.test(english)) {
        const q = english.includes('"') ? '"' : "'";
        return { code: 'yaml-syntax', message: `YAML no válido: falta la comilla de cierre (${q}) del texto que empieza aquí`, offset: opened(q) };
      }
      break;
    case 'BAD_INDENT':
      if (/Flow sequence/.test(english)) return { code: 'yaml-syntax', message: 'YAML no válido: la lista que se abre aquí con [ no se cierra con ]', offset: opened('[') };
      if (/Flow map/.test(english)) return { code: 'yaml-syntax', message: 'YAML no válido: el mapa que se abre aquí con { no se cierra con }', offset: opened('{') };
      break;
  }
  return { code: 'yaml-syntax', message: `YAML no válido: ${english}`, offset: at };
}
