import type { Diagnostic } from './diagnostic.js';

const SEVERITY_ES = { error: 'error', warning: 'advertencia' } as const;

/**
 * `file:line:col severidad mensaje [código]`, then the key path and the source line with a caret.
 * `source` is the file's text, for the excerpt; it is optional.
 */
export function formatDiagnostic(d: Diagnostic, source?: string): string {
  const where = d.line ? `${d.file}:${d.line}:${d.column ?? 1}` : d.file;
  const lines = [`${safe(where)} ${SEVERITY_ES[d.severity]} ${safe(d.message)} [${d.code}]`];
  if (d.path) lines.push(`  en: ${safe(d.path)}`);
  // A file that is not UTF-8 or too large has no line worth showing.
  if (source !== undefined && d.line && d.code !== 'not-utf8' && d.code !== 'file-too-large') {
    const text = lineAt(source, d.line);
    if (text !== undefined) {
      const { excerpt, caret } = window(text.replace(/\t/g, ' '), (d.column ?? 1) - 1);
      const gutter = String(d.line).padStart(5);
      lines.push(`${gutter} | ${safe(excerpt)}`);
      lines.push(`${' '.repeat(gutter.length)} | ${' '.repeat(caret)}^`);
    }
  }
  return lines.join('\n');
}

/** The n-th line (1-based) without splitting a whole (possibly huge) file. */
function lineAt(source: string, n: number): string | undefined {
  let start = 0;
  for (let i = 1; i < n; i++) {
    const nl = source.indexOf('\n', start);
    if (nl < 0) return undefined;
    start = nl + 1;
  }
  const end = source.indexOf('\n', start);
  return source.slice(start, end < 0 ? source.length : end).replace(/\r$/, '');
}

const WINDOW = 100;

/** At most ~100 characters of a line around the column, with … where it was cut. */
function window(text: string, col: number): { excerpt: string; caret: number } {
  if (text.length <= WINDOW) return { excerpt: text, caret: Math.max(0, col) };
  const from = Math.max(0, Math.min(col - WINDOW / 2, text.length - WINDOW));
  const to = Math.min(text.length, from + WINDOW);
  const excerpt = `${from > 0 ? '…' : ''}${text.slice(from, to)}${to < text.length ? '…' : ''}`;
  return { excerpt, caret: Math.max(0, col - from + (from > 0 ? 1 : 0)) };
}

/** What a diagnostic echoes of the input never reaches the terminal as control characters. */
// eslint-disable-next-line no-control-regex
const safe = (s: string) => s.replace(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

export function sortDiagnostics(list: readonly Diagnostic[]): Diagnostic[] {
  return [...list].sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
}
