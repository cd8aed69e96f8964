import Handlebars from 'handlebars';
import type { PathSegment } from '../load/locate.js';
import type { Value } from '../metrics/value.js';
import { checkNarrative, HELPERS, type NarrativeCode } from './checkNarrative.js';
import { Fig } from './figure.js';

export { Fig };
import { money, num, pct } from '../format/format.js';

export interface NarrativeProblem {
  code: NarrativeCode;
  message: string;
  path: PathSegment[];
  /** Text of the template near the problem, to find its line and column in the source. */
  needle?: string;
}

const env = Handlebars.create();

function valueOf(arg: unknown, helper: string): Value {
  if (arg instanceof Fig) return arg.value;
  if (typeof arg === 'number' || arg === 'N/A' || arg === 'S/I') return arg;
  throw new HelperArgumentError(`el helper ${helper} espera una cifra; recibió ${arg === undefined ? 'nada' : JSON.stringify(String(arg))}`);
}

class HelperArgumentError extends Error {}

const decimalsOf = (d: unknown): number => (typeof d === 'number' && Number.isInteger(d) && d >= 0 && d <= 6 ? d : 0);
env.registerHelper('pct', (v: unknown, d: unknown) => pct(valueOf(v, 'pct'), decimalsOf(d)));
env.registerHelper('num', (v: unknown, d: unknown) => num(valueOf(v, 'num'), decimalsOf(d)));
env.registerHelper('money', (v: unknown) => money(valueOf(v, 'money')));

const cache = new Map<string, Handlebars.TemplateDelegate>();

/**
 * The input format addresses figures by year as `cobertura.2022` and components as `gasto_unitario.0`;
 * Handlebars only accepts a numeric path segment as a literal, `cobertura.[2022]`. Rewrites the
 * paths inside each expression, leaving numbers that are arguments (`{{pct cobertura.t 1}}`) alone.
 */
export function literalNumericSegments(template: string): string {
  return template.replace(/\{\{[^}]*\}\}/g, (expr) =>
    expr.replace(/[A-Za-z_@][\w@]*(?:\.(?:[A-Za-z_]\w*|\d+|\[[^\]]*\]))+/g, (p) =>
      p
        .split('.')
        .map((seg, i) => (i > 0 && /^\d+$/.test(seg) ? `[${seg}]` : seg))
        .join('.'),
    ),
  );
}

/** Fills a narrative's expressions; problems are collected, never thrown. */
export function renderNarrative(original: string, context: object, path: PathSegment[], problems: NarrativeProblem[]): string {
  if (!original.includes('{{')) return original;
  const text = literalNumericSegments(original);
  const bad = checkNarrative(text, context);
  if (bad) {
    problems.push({ code: bad.code, message: bad.message, path, needle: original.includes(bad.needle) ? bad.needle : '{{' });
    return original;
  }
  try {
    let fn = cache.get(text);
    if (!fn) {
      fn = env.compile(text, { noEscape: true, strict: true, knownHelpersOnly: true, knownHelpers: { pct: true, num: true, money: true } });
      cache.set(text, fn);
    }
    return fn(context, { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false });
  } catch (err) {
    problems.push(toProblem(err as Error, original, path));
    return original;
  }
}

function toProblem(err: Error, text: string, path: PathSegment[]): NarrativeProblem {
  const msg = err.message;
  const unknownHelper = /unknown helper (\S+)/.exec(msg) ?? /Missing helper: "?([^"\s]+)"?/.exec(msg);
  if (unknownHelper) {
    const name = unknownHelper[1]!;
    return { code: 'narrative-unknown-helper', path, needle: name, message: `helper desconocido «${name}» en el texto: se esperaba uno de ${Object.keys(HELPERS).join(', ')}` };
  }
  const unknownName = /"([^"]+)" not defined in/.exec(msg);
  if (unknownName) {
    const name = unknownName[1]!;
    const expr = text.match(new RegExp(`\\{\\{[^}]*\\b${escapeRe(name)}\\b[^}]*\\}\\}`))?.[0];
    return {
      code: 'narrative-unknown-name',
      path,
      needle: expr ?? name,
      message: `cifra desconocida «${name}»${expr ? ` en ${expr}` : ''}: se esperaba una cifra calculada (p. ej. cobertura.t, gasto_por_beneficiario.variacion_anual), anio, anio_anterior o programa.*`,
    };
  }
  if (err instanceof HelperArgumentError) return { code: 'narrative-invalid-argument', path, message: msg };
  const line = /Parse error on line (\d+)/.exec(msg);
  return { code: 'narrative-syntax', path, needle: '{{', message: `expresión mal formada en el texto${line ? '' : ''}: ${msg.split('\n').slice(-1)[0]}` };
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
