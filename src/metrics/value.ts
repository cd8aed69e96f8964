import type { Marker } from '../validate/schema.js';

/** A figure: a number, or the marker that explains why there is none. */
export type Value = number | Marker;

export const isMarker = (v: Value): v is Marker => typeof v === 'string';

/** The marker that wins among the operands (`S/I` over `N/A`), or undefined if all are numbers. */
export function markerOf(...values: Value[]): Marker | undefined {
  if (values.includes('S/I')) return 'S/I';
  if (values.includes('N/A')) return 'N/A';
  return undefined;
}

/** a / b; a marker operand wins, a zero denominator gives N/A. */
export function div(a: Value, b: Value): Value {
  const m = markerOf(a, b);
  if (m) return m;
  return b === 0 ? 'N/A' : (a as number) / (b as number);
}

export function percent(a: Value, b: Value): Value {
  const q = div(a, b);
  return isMarker(q) ? q : q * 100;
}

export function sum(values: readonly Value[]): Value {
  const m = markerOf(...values);
  return m ?? (values as number[]).reduce((s, v) => s + v, 0);
}

export function mul(a: Value, b: Value): Value {
  return markerOf(a, b) ?? (a as number) * (b as number);
}

export function sub(a: Value, b: Value): Value {
  return markerOf(a, b) ?? (a as number) - (b as number);
}

/** (a / b - 1) x 100, the variation of a against b in percent. */
export function variation(a: Value, b: Value): Value {
  const q = div(a, b);
  return isMarker(q) ? q : (q - 1) * 100;
}

export function mean(values: readonly Value[]): Value {
  const s = sum(values);
  return isMarker(s) ? s : s / values.length;
}
