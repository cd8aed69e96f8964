/** A user-facing problem found in an input file. Only bugs throw; everything else travels as one of these. */
export type Severity = 'error' | 'warning';

export interface Diagnostic {
  /** Stable machine code, e.g. `unknown-key`. */
  code: string;
  severity: Severity;
  /** Human text, in Spanish. */
  message: string;
  file: string;
  /** 1-based line and column, when the problem has a place in the file. */
  line?: number;
  column?: number;
  /** Key path, e.g. `presupuesto.por_anio.2021.inicial`. */
  path?: string;
  /** What a person most likely meant, to write at line:column instead of what is there (`5221470`). */
  suggestion?: string;
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** Turns every warning into an error (the CLI's --strict). */
export function promoteWarnings(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return diagnostics.map((d) => (d.severity === 'warning' ? { ...d, severity: 'error' } : d));
}

export function formatPath(path: readonly (string | number)[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}
