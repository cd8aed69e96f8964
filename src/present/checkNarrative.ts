import Handlebars from 'handlebars';
import { Fig } from './figure.js';

type Node = { type: string; loc?: { start: { line: number; column: number } }; [k: string]: unknown };
type PathNode = Node & { original: string; parts: string[]; data: boolean; depth: number; this?: boolean };

export type NarrativeCode = 'narrative-unknown-name' | 'narrative-unknown-helper' | 'narrative-syntax' | 'narrative-invalid-argument' | 'narrative-not-allowed';

export interface NarrativeCheck {
  code: NarrativeCode;
  message: string;
  /** Text of the template at the problem, to find its line and column in the source. */
  needle: string;
}

/** The helpers of the input format (README, «El formato de entrada») and how many arguments each takes (a figure, then decimals). */
export const HELPERS: Record<string, { args: number; decimals: boolean }> = {
  pct: { args: 2, decimals: true },
  num: { args: 2, decimals: true },
  money: { args: 1, decimals: false },
};
const MAX_DECIMALS = 6;
const FIGURE_HINT = 'una cifra calculada (p. ej. cobertura.t, gasto_por_beneficiario.variacion_anual), anio, anio_anterior o programa.*';

/**
 * Narratives are data: the only expressions allowed are a figure (`{{cobertura.t}}`) and the
 * documented helpers with valid arguments (`{{pct cobertura.t 1}}`). Blocks, partials, data
 * variables (`@root`), `this`, `lookup`, `log`, sub-expressions and hashes are refused before
 * anything is rendered, so no narrative can reach anything but the figures.
 */
export function checkNarrative(template: string, context: object): NarrativeCheck | undefined {
  // Refused before parsing: a block or partial never reaches the parser, however deeply nested.
  const opener = /\{\{~?\s*([#^>/&*]|else\b)/.exec(template);
  if (opener) {
    return { code: 'narrative-not-allowed', needle: opener[0], message: `expresión no permitida «${opener[0]}» en el texto: sólo se admiten cifras ({{cobertura.t}}) y los helpers ${Object.keys(HELPERS).join(', ')}` };
  }
  let ast: Node;
  try {
    ast = Handlebars.parse(template) as unknown as Node;
  } catch (err) {
    const last = String((err as Error).message).split('\n').slice(-1)[0]!.slice(0, 200);
    return { code: 'narrative-syntax', needle: '{{', message: `expresión mal formada en el texto: ${last}` };
  }
  for (const n of (ast.body as Node[]) ?? []) {
    if (n.type === 'ContentStatement' || n.type === 'CommentStatement') continue;
    if (n.type !== 'MustacheStatement') return notAllowed(template, n);
    const problem = checkMustache(n, context, template);
    if (problem) return problem;
  }
  return undefined;
}

function checkMustache(n: Node, context: object, template: string): NarrativeCheck | undefined {
  const path = n.path as PathNode;
  const params = (n.params as Node[]) ?? [];
  if (n.hash || path.type !== 'PathExpression') return notAllowed(template, n);
  const expr = source(template, n);
  if (params.length === 0) {
    if (path.original in HELPERS) return { code: 'narrative-invalid-argument', needle: expr, message: `el helper ${path.original} necesita una cifra: p. ej. {{${path.original} cobertura.t${HELPERS[path.original]!.decimals ? ' 1' : ''}}}` };
    return checkFigure(path, context, expr, true);
  }
  const helper = HELPERS[path.original];
  if (!helper || path.data || path.parts.length !== 1) {
    return { code: 'narrative-unknown-helper', needle: path.original, message: `helper desconocido «${path.original}» en el texto: se esperaba uno de ${Object.keys(HELPERS).join(', ')}` };
  }
  const [figure, decimals, ...rest] = params;
  if (rest.length || (!helper.decimals && decimals)) {
    return { code: 'narrative-invalid-argument', needle: expr, message: `demasiados argumentos en ${expr}: ${path.original} recibe ${helper.decimals ? 'una cifra y los decimales' : 'sólo una cifra'}` };
  }
  if (figure!.type !== 'PathExpression') return { code: 'narrative-invalid-argument', needle: expr, message: `el helper ${path.original} espera una cifra en ${expr}; se esperaba ${FIGURE_HINT}` };
  const bad = checkFigure(figure as PathNode, context, expr, false);
  if (bad) return bad;
  if (decimals) {
    const d = decimals.type === 'NumberLiteral' ? (decimals.value as number) : NaN;
    if (!Number.isInteger(d) || d < 0 || d > MAX_DECIMALS) {
      return { code: 'narrative-invalid-argument', needle: expr, message: `decimales no válidos en ${expr}: se esperaba un entero entre 0 y ${MAX_DECIMALS}` };
    }
  }
  return undefined;
}

/** A path must lead, through the context's own keys, to a figure or a plain value (a name, a year). */
function checkFigure(path: PathNode, context: object, expr: string, bare: boolean): NarrativeCheck | undefined {
  if (path.data || path.depth > 0 || path.this || path.parts.length === 0) {
    return { code: 'narrative-not-allowed', needle: expr, message: `expresión no permitida ${expr}: se esperaba ${FIGURE_HINT}` };
  }
  let cur: unknown = context;
  for (const part of path.parts) {
    if (cur !== null && typeof cur === 'object' && Object.hasOwn(cur, part)) cur = (cur as Record<string, unknown>)[part];
    else return { code: 'narrative-unknown-name', needle: expr, message: `cifra desconocida «${path.original.replace(/\.\[(\d+)\]/g, '.$1')}» en ${expr}: se esperaba ${FIGURE_HINT}` };
  }
  const leaf = cur instanceof Fig || typeof cur === 'string' || typeof cur === 'number';
  if (!leaf || (!bare && !(cur instanceof Fig) && typeof cur !== 'number')) {
    const name = path.original.replace(/\.\[(\d+)\]/g, '.$1');
    return { code: 'narrative-unknown-name', needle: expr, message: `«${name}» no es una cifra en ${expr}: se esperaba ${FIGURE_HINT}${!leaf && cur && typeof cur === 'object' && 't' in cur ? ` (p. ej. ${name}.t)` : ''}` };
  }
  return undefined;
}

function notAllowed(template: string, n: Node): NarrativeCheck {
  const expr = source(template, n);
  return { code: 'narrative-not-allowed', needle: expr, message: `expresión no permitida ${expr} en el texto: sólo se admiten cifras ({{cobertura.t}}) y los helpers ${Object.keys(HELPERS).join(', ')}` };
}

/** The expression's own text, e.g. `{{pct cobertura.t 1}}`, for messages and positions. */
function source(template: string, n: Node): string {
  const loc = n.loc as { start: { line: number; column: number }; end: { line: number; column: number } } | undefined;
  if (!loc) return '{{';
  const lines = template.split('\n');
  const start = lines.slice(0, loc.start.line - 1).reduce((s, l) => s + l.length + 1, 0) + loc.start.column;
  const end = lines.slice(0, loc.end.line - 1).reduce((s, l) => s + l.length + 1, 0) + loc.end.column;
  return template.slice(start, end).slice(0, 120);
}
