/** What was found, in words, for "se esperaba X; se encontró Y". */
export function describeFound(value: unknown): string {
  if (value === undefined) return 'nada (la clave no está)';
  if (value === null) return 'un valor vacío';
  if (typeof value === 'boolean') return `el booleano ${value}`;
  if (typeof value === 'number') return `el número ${value}`;
  if (typeof value === 'string') return value.trim() === '' ? 'un texto vacío' : `el texto «${truncate(value, 60)}»`;
  if (Array.isArray(value)) return `una lista de ${value.length} elemento${value.length === 1 ? '' : 's'}`;
  return 'un mapa';
}

function truncate(s: string, n: number): string {
  const one = s.replace(/\s+/g, ' ');
  return one.length > n ? `${one.slice(0, n - 1)}…` : one;
}

/** Closest candidate by edit distance, if close enough to be a likely typo. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = editDistance(word.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [c, d];
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}
