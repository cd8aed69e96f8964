import type { Value } from './value.js';

/** The three years of a ficha, oldest first: t-2, t-1, t. */
export type Years = readonly [number, number, number];

/** One figure for each year of the ficha. */
export type Series = Readonly<Record<number, Value>>;

export function yearsOf(t: number): Years {
  return [t - 2, t - 1, t];
}

/** Builds a series from a year map of the input; a missing year is N/A. */
export function seriesFrom<T>(years: Years, map: Readonly<Record<string, T>>, pick: (entry: T) => Value): Series {
  const out: Record<number, Value> = {};
  for (const y of years) {
    const entry = map[String(y)];
    out[y] = entry === undefined ? 'N/A' : pick(entry);
  }
  return out;
}

export function mapSeries(years: Years, f: (y: number) => Value): Series {
  return Object.fromEntries(years.map((y) => [y, f(y)]));
}
