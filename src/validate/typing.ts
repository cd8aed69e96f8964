import { isMap, isScalar, isSeq, type Node } from 'yaml';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { formatPath } from '../diagnostics/diagnostic.js';
import { explainSlips, looksLikeThousands, meantDate, meantNumber } from '../load/chileanNumbers.js';
import type { LoadedSource } from '../load/load.js';
import type { PathSegment } from '../load/locate.js';
import { FIELD_KINDS, inputSchema, type FieldKind } from './schema.js';
import { lookAt } from './zodInternals.js';

type Finding = Omit<Diagnostic, 'file'>;

const EXPECTED: Record<FieldKind, string> = {
  monto: 'un monto (número >= 0)',
  conteo: 'un número entero >= 0',
  numero: 'un número',
  fecha: 'una fecha AAAA-MM-DD',
};

/**
 * Figures as a Chilean hand types them, read from the source text of every amount, count, number
 * and date: `5.221.470`, `73,0`, `76%`, `$ 1.200`, `15/03/2026` become a diagnostic with what was
 * meant, at the value. `298.370` in an amount is a number to YAML (298,37), so it is a warning (an
 * error under --strict); in a count it cannot be a decimal, so it is an error. Returns the findings
 * and the key paths they explain, whose other complaints (wrong type) are the same mistake.
 */
export function typingProblems(source: LoadedSource): { findings: Finding[]; explained: Set<string> } {
  const findings: Finding[] = [];
  const explained = new Set<string>();
  const report = (severity: 'error' | 'warning', code: string, node: Node, path: PathSegment[], message: string, suggestion: string) => {
    const pos = source.lineCounter.linePos(node.range?.[0] ?? 0);
    findings.push({ code, severity, message, line: pos.line, column: pos.col, path: formatPath(path), suggestion });
    explained.add(formatPath(path));
  };
  const kindAt = (path: PathSegment[]) => lookAt(inputSchema, path, (s) => (s && typeof s === 'object' ? FIELD_KINDS.get(s) : undefined));

  const walk = (node: unknown, path: PathSegment[]): void => {
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
        if (key !== undefined) walk(pair.value, [...path, key]);
      }
      return;
    }
    if (isSeq(node)) {
      node.items.forEach((item, i) => walk(item, [...path, i]));
      return;
    }
    if (!isScalar(node)) return;
    const kind = kindAt(path);
    if (!kind) return;
    const typed = node.source ?? String(node.value);
    if (kind === 'fecha') {
      if (typeof node.value !== 'string') return;
      const meant = meantDate(node.value);
      if (meant) report('error', 'date-format', node, path, `se esperaba ${EXPECTED.fecha} (año-mes-día); se encontró «${node.value}»: ¿quiso decir ${meant}?`, meant);
      return;
    }
    if (typeof node.value === 'string') {
      const meant = meantNumber(node.value);
      if (meant) report('error', 'number-format', node, path, `se esperaba ${EXPECTED[kind]}; se encontró «${node.value.trim()}»: ${explainSlips(meant)}`, meant.text);
      return;
    }
    if (typeof node.value === 'number' && node.type === 'PLAIN' && looksLikeThousands(typed) && (kind === 'monto' || kind === 'conteo')) {
      const meant = typed.replace('.', '');
      const decimal = String(node.value).replace('.', ',');
      if (kind === 'conteo') {
        report('error', 'number-format', node, path, `se esperaba ${EXPECTED.conteo}; se encontró ${typed}, que YAML lee como ${decimal}: en YAML los miles no se separan con punto: ¿quiso decir ${meant}?`, meant);
      } else {
        report(
          'warning',
          'thousands-separator',
          node,
          path,
          `${typed} se lee como ${decimal} (en YAML el punto marca los decimales): si son miles, ¿quiso decir ${meant}?; si es un decimal, escríbalo ${String(node.value)}`,
          meant,
        );
      }
    }
  };
  walk(source.doc.contents, []);
  return { findings, explained };
}
