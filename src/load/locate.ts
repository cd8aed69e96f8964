import { isMap, isPair, isScalar, isSeq, type Node } from 'yaml';
import type { LoadedSource } from './load.js';

export type PathSegment = string | number;

export interface Position {
  line: number;
  column: number;
  /** How many segments of the path exist in the document (the rest are missing). */
  found: number;
}

/**
 * Finds where a key path lives in the YAML document. `at: 'key'` points at the key of the last
 * segment (for unknown keys), `'value'` at its value. A missing path resolves to its nearest
 * existing ancestor, so a missing key is reported at the map that should hold it.
 */
export function locate(source: LoadedSource, path: readonly PathSegment[], at: 'key' | 'value' = 'value'): Position {
  let node: unknown = source.doc.contents;
  let offset = rangeStart(node) ?? 0;
  let found = 0;
  for (const [i, seg] of path.entries()) {
    const isLast = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && keyText(p.key) === String(seg));
      if (!pair) break;
      const keyStart = rangeStart(pair.key);
      const valueStart = rangeStart(pair.value);
      offset = isLast && at === 'key' ? (keyStart ?? offset) : (valueStart ?? keyStart ?? offset);
      node = pair.value;
    } else if (isSeq(node) && typeof seg === 'number') {
      const item = node.items[seg];
      if (item === undefined) break;
      offset = rangeStart(item) ?? offset;
      node = item;
    } else {
      break;
    }
    found++;
  }
  const pos = source.lineCounter.linePos(offset);
  return { line: pos.line, column: pos.col, found };
}

/** The JS value found at a path in the parsed data, or undefined. */
export function valueAt(data: unknown, path: readonly PathSegment[]): unknown {
  let cur: unknown = data;
  for (const seg of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[seg as string];
  }
  return cur;
}

function keyText(key: unknown): string | undefined {
  return isScalar(key) ? String(key.value) : undefined;
}

function rangeStart(node: unknown): number | undefined {
  const range = (node as Node | null | undefined)?.range;
  return range ? range[0] : undefined;
}
