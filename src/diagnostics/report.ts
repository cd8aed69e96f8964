import type { Diagnostic } from './diagnostic.js';

const SEVERITY_ES = { error: 'error', warning: 'advertencia' } as const;

/**
 * `file:line:col severidad mensaje [código]`, then the key path and the source line with a caret.
 * `source` is the file's text, for the excerpt; it is optional.
 */
export function formatDiagnostic(d: Diagnostic, source?: string): string {
  const where = d.line ? `${d.file}:${d.line}:${d.column ?? 1}` : d.file;
  const lines = [`${where} ${SEVERITY_ES[d.severity]} ${d.message} [${d.code}]`];
  if (d.path) lines.push(`  en: ${d.path}`);
  if (source !== undefined && d.line) {
    const text = source.split(/\r?\n/)[d.line - 1];
    if (text !== undefined) {
      const gutter = String(d.line).padStart(5);
      lines.push(`${gutter} | ${text.replace(/\t/g, ' ')}`);
      lines.push(`${' '.repeat(gutter.length)} | ${' '.repeat(Math.max(0, (d.column ?? 1) - 1))}^`);
    }
  }
  return lines.join('\n');
}

export function sortDiagnostics(list: readonly Diagnostic[]): Diagnostic[] {
  return [...list].sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
}
