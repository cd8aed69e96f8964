import type { Value } from '../metrics/value.js';

const formats = new Map<string, Intl.NumberFormat>();

function formatter(min: number, max: number): Intl.NumberFormat {
  const key = `${min}:${max}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.NumberFormat('es-CL', { minimumFractionDigits: min, maximumFractionDigits: max, signDisplay: 'negative' });
    formats.set(key, f);
  }
  return f;
}

/**
 * `v` as es-CL prints it with `min` to `max` decimals, without Intl: the first Intl.NumberFormat of
 * a process loads ICU's locale data (~25 ms of every cold render and of every batch worker). es-CL
 * groups thousands with "." (also 4-digit numbers), and ICU rounds half away from zero on the
 * shortest decimal form of the number (1.005 → 1,01), which is how the reference prints figures.
 * A number whose shortest form has an exponent (below 1e-6 or from 1e21) goes to Intl.
 */
function esCL(v: number, min: number, max: number): string {
  const s = String(Math.abs(v));
  if (!Number.isFinite(v) || s.includes('e')) return formatter(min, max).format(v);
  const dot = s.indexOf('.');
  let int = dot < 0 ? s : s.slice(0, dot);
  let frac = dot < 0 ? '' : s.slice(dot + 1);
  if (frac.length > max) {
    const up = frac.charCodeAt(max) >= 53; // '5' or more
    frac = frac.slice(0, max);
    if (up) {
      const digits = (int + frac).split('');
      let i = digits.length - 1;
      while (i >= 0 && digits[i] === '9') digits[i--] = '0';
      if (i < 0) digits.unshift('1');
      else digits[i] = String(Number(digits[i]) + 1);
      const all = digits.join('');
      [int, frac] = [all.slice(0, all.length - frac.length), all.slice(all.length - frac.length)];
    }
  }
  let end = frac.length;
  while (end > min && frac.charCodeAt(end - 1) === 48) end--;
  frac = frac.slice(0, end).padEnd(min, '0');
  let grouped = int.slice(0, ((int.length - 1) % 3) + 1);
  for (let i = grouped.length; i < int.length; i += 3) grouped += `.${int.slice(i, i + 3)}`;
  const out = frac ? `${grouped},${frac}` : grouped;
  return v < 0 && /[1-9]/.test(out) ? `-${out}` : out;
}

/** A figure in es-CL with a fixed number of decimals; a marker prints as itself. */
export function num(v: Value, decimals = 0): string {
  return typeof v === 'string' ? v : esCL(v, decimals, decimals);
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
  return typeof v === 'string' ? v : esCL(v, 0, max);
}

/** A figure as printed here (es-CL: «2.300,2», «49,9%», «-3,0»), as the number printed; S/I, N/A: null. */
export function printedNumber(text: string): number | null {
  const t = text.replace(/[%\s]/g, '').replace(/\./g, '').replace(',', '.');
  return /^[-+]?\d+(\.\d+)?$/.test(t) ? Number(t) : null;
}

/** «2023», «2023 y 2024», «2022, 2023 y 2024». */
export function listOf(items: readonly (string | number)[]): string {
  const s = items.map(String);
  if (s.length <= 1) return s[0] ?? '';
  return `${s.slice(0, -1).join(', ')} y ${s[s.length - 1]}`;
}
