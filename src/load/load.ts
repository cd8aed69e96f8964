import { LineCounter, parseDocument, type Document } from 'yaml';
import type { Diagnostic } from '../diagnostics/diagnostic.js';

export interface LoadedSource {
  file: string;
  text: string;
  doc: Document.Parsed;
  lineCounter: LineCounter;
}

const YAML_CODES: Record<string, string> = {
  DUPLICATE_KEY: 'duplicate-key',
};

/** Parses YAML 1.2 text keeping positions; syntax problems and duplicate keys become diagnostics. */
export function loadYaml(file: string, text: string): { source: LoadedSource; diagnostics: Diagnostic[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, version: '1.2', uniqueKeys: true, prettyErrors: false });
  const diagnostics: Diagnostic[] = [];
  for (const err of [...doc.errors, ...doc.warnings]) {
    const pos = lineCounter.linePos(err.pos[0]);
    const isDuplicate = err.code === 'DUPLICATE_KEY';
    diagnostics.push({
      code: YAML_CODES[err.code] ?? 'yaml-syntax',
      severity: doc.errors.includes(err as never) ? 'error' : 'warning',
      message: isDuplicate
        ? 'clave duplicada: cada clave puede aparecer una sola vez en un mapa'
        : `YAML no válido: ${firstLine(err.message)}`,
      file,
      line: pos.line,
      column: pos.col,
    });
  }
  return { source: { file, text, doc, lineCounter }, diagnostics };
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}
