import type { Value } from '../metrics/value.js';

const formats = new Map<string, Intl.NumberFormat>();

function formatter(min: number, max: number): Intl.NumberFormat {
  const key = `${min}:${max}`;
  let f = formats.get(key);
  if (!f) {
    // es-CL groups thousands with "." (also 4-digit numbers) and rounds half away from zero on the
    // shortest decimal form of the number, which is how the reference prints figures.
    f = new Intl.NumberFormat('es-CL', { minimumFractionDigits: min, maximumFractionDigits: max, signDisplay: 'negative' });
    formats.set(key, f);
  }
  return f;
}

/** A figure in es-CL with a fixed number of decimals; a marker prints as itself. */
export function num(v: Value, decimals = 0): string {
  return typeof v === 'string' ? v : formatter(decimals, decimals).format(v);
}

export function pct(v: Value, decimals = 0): string {
  return typeof v === 'string' ? v : `${num(v, decimals)}%`;
}

/** Amounts print with no decimals. */
export function money(v: Value): string {
  return num(v, 0);
}

/** Up to `max` decimals, trailing zeros dropped (inflactores: `1,063`). */
export function trimmed(v: Value, max = 4): string {
  return typeof v === 'string' ? v : formatter(0, max).format(v);
}
