import { parseDocument, type YAMLError } from 'yaml';

export interface IndentFix {
  /** 1-based line of the misplaced key. */
  line: number;
  key: string;
  /** 1-based columns where the key starts and where it should. */
  column: number;
  expected: number;
  /** The earlier key it should line up with. */
  alignedWith: { key: string; line: number };
}

/** `  - nombre: x`, `    2022: {…}`: a key written as the format's keys are (words, digits, underscores). */
const KEY_LINE = /^( *)((?:- +)*)([A-Za-z0-9_]+)[ \t]*:(?:[ \t]|$)/;
const INDENT_CODES = new Set(['BAD_INDENT', 'BLOCK_AS_IMPLICIT_KEY', 'MULTILINE_IMPLICIT_KEY', 'MISSING_CHAR', 'UNEXPECTED_TOKEN']);
/** Re-parses allowed per file: this runs only on a file that already failed to parse. */
const MAX_PARSES = 60;

/**
 * A key indented a space too far or too little breaks the YAML around it, and the parser's complaint
 * lands elsewhere (often on the line above). This finds the key line whose re-indentation to the
 * column of an earlier key removes the most errors, and repeats while that helps. A fix is only
 * reported when re-parsing proves it: the errors left are those of the file as fixed.
 */
export function diagnoseIndentation(text: string, errors: readonly YAMLError[]): { fixes: IndentFix[]; rest: YAMLError[]; fixedText: string } | undefined {
  if (!errors.some((e) => INDENT_CODES.has(e.code))) return undefined;
  const lines = text.split('\n');
  const lineStarts: number[] = [];
  let offset = 0;
  for (const l of lines) {
    lineStarts.push(offset);
    offset += l.length + 1;
  }
  const lineOf = (pos: number) => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= pos) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  let parses = 0;
  const errorsOf = (ls: string[]) => {
    parses++;
    return parseDocument(ls.join('\n'), { uniqueKeys: false, prettyErrors: false }).errors;
  };
  const fixes: IndentFix[] = [];
  let current = [...errors];
  const fixed = new Set<number>();
  while (current.some((e) => INDENT_CODES.has(e.code)) && fixes.length < 5 && parses < MAX_PARSES) {
    const candidates = new Set<number>();
    for (const e of current) {
      if (!INDENT_CODES.has(e.code)) continue;
      const first = lineOf(e.pos[0]);
      for (let l = first, seen = 0; l < lines.length && seen < 3; l++) {
        if (!lines[l]!.trim() || lines[l]!.trim().startsWith('#')) continue;
        seen++;
        if (!fixed.has(l) && KEY_LINE.test(lines[l]!)) candidates.add(l);
      }
    }
    let best: { line: number; to: number; errors: YAMLError[]; aligned: { key: string; line: number } } | undefined;
    for (const l of candidates) {
      const m = KEY_LINE.exec(lines[l]!)!;
      const lead = m[1]!.length;
      const keyCol = lead + m[2]!.length;
      // Columns of the keys above, nearest first: the places this key could belong.
      const targets = new Map<number, { key: string; line: number }>();
      for (let p = l - 1; p >= 0 && targets.size < 4; p--) {
        const pm = KEY_LINE.exec(lines[p]!);
        if (!pm) continue;
        const col = pm[1]!.length + pm[2]!.length;
        if (col !== keyCol && !targets.has(col)) targets.set(col, { key: pm[3]!, line: p + 1 });
        if (col === 0) break;
      }
      for (const [col, aligned] of targets) {
        const to = col - m[2]!.length;
        if (to < 0 || parses >= MAX_PARSES) continue;
        const trial = [...lines];
        trial[l] = ' '.repeat(to) + lines[l]!.slice(lead);
        const errs = errorsOf(trial);
        const better = !best || errs.length < best.errors.length || (errs.length === best.errors.length && Math.abs(to - lead) < Math.abs(best.to - leadOf(best.line)));
        if (errs.length < current.length && better) best = { line: l, to, errors: errs, aligned };
      }
    }
    if (!best) break;
    const m = KEY_LINE.exec(lines[best.line]!)!;
    const lead = m[1]!.length;
    fixes.push({ line: best.line + 1, key: m[3]!, column: lead + m[2]!.length + 1, expected: best.to + m[2]!.length + 1, alignedWith: best.aligned });
    lines[best.line] = ' '.repeat(best.to) + lines[best.line]!.slice(lead);
    fixed.add(best.line);
    current = best.errors;
  }
  return fixes.length ? { fixes, rest: current, fixedText: lines.join('\n') } : undefined;

  function leadOf(l: number): number {
    return /^ */.exec(lines[l]!)![0].length;
  }
}

export function indentMessage(f: IndentFix): string {
  const n = Math.abs(f.column - f.expected);
  const spaces = `${n} espacio${n === 1 ? '' : 's'}`;
  const what = f.column > f.expected ? `la clave «${f.key}» tiene ${spaces} de más` : `a la clave «${f.key}» le ${n === 1 ? 'falta' : 'faltan'} ${spaces}`;
  return `sangría: ${what}; debe empezar en la columna ${f.expected}, alineada con «${f.alignedWith.key}» (línea ${f.alignedWith.line})`;
}
