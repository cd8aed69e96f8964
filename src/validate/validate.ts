import type { z } from 'zod';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { formatPath } from '../diagnostics/diagnostic.js';
import type { LoadedSource } from '../load/load.js';
import { locate, valueAt, type PathSegment } from '../load/locate.js';
import { closest, describeFound } from './describe.js';
import { inputSchema, type ProgramInput } from './schema.js';
import { crossChecks } from './crossChecks.js';
import { typingProblems } from './typing.js';
import { KEY_DOCS } from './keyDocs.js';
import { keysAt } from './zodInternals.js';
import { LIMITS } from '../load/limits.js';
import { visit } from 'yaml';

export interface ValidationResult {
  input?: ProgramInput;
  diagnostics: Diagnostic[];
}

/** Document -> ProgramInput. Reports every problem of the file at once. */
export function validate(source: LoadedSource): ValidationResult {
  let data: unknown;
  try {
    data = source.doc.toJS({ maxAliasCount: LIMITS.aliases });
  } catch (err) {
    // An alias without its anchor, or an alias bomb (aliases that expand into too many nodes).
    const unresolved = /unresolved alias/i.test((err as Error).message);
    const alias = /alias/i.test((err as Error).message) ? firstAlias(source, unresolved) : undefined;
    const pos = source.lineCounter.linePos(alias ?? 0);
    return {
      diagnostics: [
        {
          code: unresolved ? 'yaml-syntax' : 'yaml-alias-limit',
          severity: 'error',
          message: unresolved
            ? 'YAML no válido: el alias (*nombre) no corresponde a ninguna ancla (&nombre) anterior'
            : `los alias YAML (*ancla) se expanden en demasiados valores: el máximo es ${LIMITS.aliases} expansiones por archivo`,
          file: source.file,
          line: pos.line,
          column: pos.col,
        },
      ],
    };
  }
  const parsed = inputSchema.safeParse(data);
  // A figure typed the Chilean way is one mistake with its own words; its type error is not another.
  const typing = typingProblems(source);
  const unexplained = (d: { path?: string }) => d.path === undefined || !typing.explained.has(d.path);
  const schemaProblems = parsed.success ? [] : dropMisspeltMissing(parsed.error.issues.flatMap((issue) => issueToDiagnostics(source, data, issue))).filter(unexplained);
  // Cross-field checks run even on a rejected file, so all of its problems are reported at once.
  // Keys are read from the data as written too: a key like __proto__ is data there, while in the
  // parsed object it would have become the object's prototype.
  const cross = crossChecks(parsed.success ? parsed.data : data, (path, at) => locate(source, path, at), data).map((d) => ({ ...d, file: source.file }));
  const seen = new Set(schemaProblems.map((d) => `${d.line}:${d.column}`));
  const diagnostics = [...typing.findings.map((d) => ({ ...d, file: source.file })), ...schemaProblems, ...cross.filter((d) => unexplained(d) && !seen.has(`${d.line}:${d.column}`))];
  return { input: parsed.success && !diagnostics.some((d) => d.severity === 'error') ? parsed.data : undefined, diagnostics };
}

/**
 * A misspelt key is one mistake, not two: "beneficiarias" is unknown and "beneficiaria" missing.
 * Keep the unknown-key diagnostic (it suggests the right name) and drop the missing-key one.
 */
function dropMisspeltMissing(list: Diagnostic[]): Diagnostic[] {
  const parentOf = (p = '') => p.slice(0, Math.max(0, p.lastIndexOf('.')));
  const keyOf = (p = '') => p.slice(p.lastIndexOf('.') + 1);
  return list.filter((d) => {
    if (d.code !== 'missing-key') return true;
    const key = keyOf(d.path);
    return !list.some((u) => u.code === 'unknown-key' && parentOf(u.path) === parentOf(d.path) && closest(keyOf(u.path), [key]) === key);
  });
}

function issueToDiagnostics(source: LoadedSource, data: unknown, issue: z.core.$ZodIssue): Diagnostic[] {
  const path = issue.path as PathSegment[];
  const inner = unionBranchIssues(issue, valueAt(data, path));
  if (inner) return inner.flatMap((i) => issueToDiagnostics(source, data, { ...i, path: [...path, ...i.path] } as z.core.$ZodIssue));
  if (issue.code === 'unrecognized_keys') {
    const allowed = allowedKeys(issue, data, path);
    return issue.keys.map((key) => {
      const keyPath = [...path, key];
      const pos = locate(source, keyPath, 'key');
      const suggestion = closest(key, allowed);
      return {
        code: 'unknown-key',
        severity: 'error' as const,
        message:
          `clave desconocida «${key}»` +
          (suggestion ? `; ¿quiso decir «${suggestion}»?` : allowed.length ? `; claves válidas: ${allowed.join(', ')}` : ''),
        file: source.file,
        line: pos.line,
        column: pos.column,
        path: formatPath(keyPath),
      };
    });
  }
  const found = valueAt(data, path);
  const parent = valueAt(data, path.slice(0, -1));
  const missing = found === undefined && parent !== null && typeof parent === 'object' && !Array.isArray(parent);
  const pos = locate(source, path, 'value');
  const expected = withExample(issue.message.startsWith('se esperaba') ? issue.message : `se esperaba un valor válido (${issue.message})`, path);
  const suggestion = typeof found === 'string' ? closest(found.trim(), allowedValues(issue)) : undefined;
  return [
    {
      code: missing ? 'missing-key' : 'invalid-value',
      severity: 'error',
      message: missing
        ? `falta la clave obligatoria «${String(path[path.length - 1])}»: ${expected}`
        : `${expected}; se encontró ${describeFound(found)}${suggestion ? `: ¿quiso decir «${suggestion}»?` : ''}`,
      file: source.file,
      line: pos.line,
      column: pos.column,
      path: formatPath(path),
      ...(suggestion ? { suggestion } : {}),
    },
  ];
}

/** The words a catalog key accepts (`sin_deficiencias`, …), from the issue and its union branches. */
function allowedValues(issue: z.core.$ZodIssue): string[] {
  const out: string[] = [];
  const visit = (i: z.core.$ZodIssue) => {
    if (i.code === 'invalid_value') out.push(...i.values.filter((v): v is string => typeof v === 'string'));
    if (i.code === 'invalid_union') for (const branch of i.errors) branch.forEach(visit);
  };
  visit(issue);
  return out;
}

/** The keys a strict object accepts, read from the schema at the issue's path. */
function allowedKeys(issue: z.core.$ZodIssue, data: unknown, path: PathSegment[]): string[] {
  const present = valueAt(data, path);
  const keys = Object.keys((present ?? {}) as object);
  const unknown = new Set((issue as { keys?: string[] }).keys ?? []);
  const shape = keysAt(inputSchema, path);
  return shape ? shape : keys.filter((k) => !unknown.has(k));
}

/** The first alias of the document; with `unresolved`, the first whose anchor does not come before it. */
function firstAlias(source: LoadedSource, unresolved = false): number | undefined {
  let at: number | undefined;
  const anchors = new Set<string>();
  visit(source.doc, {
    Node(_key, node) {
      if (node.anchor) anchors.add(node.anchor);
    },
    Alias(_key, node) {
      if (unresolved && anchors.has(node.source)) return undefined;
      at = node.range?.[0];
      return visit.BREAK;
    },
  });
  return at;
}

/** "se esperaba un monto …" + an example of the key from keyDocs: `(p. ej. 522147)`. */
function withExample(expected: string, path: PathSegment[]): string {
  const key = path.map((seg, i) => (typeof seg === 'number' ? '[]' : i > 0 && /^\d{4}$/.test(seg) && /por_anio$/.test(String(path[i - 1])) ? '*' : seg)).join('.').replace(/\.\[\]/g, '[]');
  const example = KEY_DOCS[key]?.e?.find((e) => typeof e !== 'object' || e === null);
  return example === undefined || expected.includes('p. ej.') ? expected : `${expected} (p. ej. ${String(example)})`;
}

/**
 * A map given where a union accepts either a word or a map (`criterios: {valor, texto}`): the
 * problem is inside the map, so report the map branch's own issues at their keys, not "expected
 * one of …" at the whole value.
 */
function unionBranchIssues(issue: z.core.$ZodIssue, value: unknown): z.core.$ZodIssue[] | undefined {
  if (issue.code !== 'invalid_union' || value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const branches = (issue as { errors?: z.core.$ZodIssue[][] }).errors ?? [];
  const inside = branches.find((b) => b.length > 0 && b.every((i) => i.path.length > 0 || i.code === 'unrecognized_keys'));
  return inside;
}
