import { createRequire } from 'node:module';
import { DiskCache } from '../cache/diskCache.js';
import { fontBytes, fontFileDigest } from './fontFiles.js';
import { characterMap } from './internals/fontkitInternals.js';

/** [first, last] code points of each run the font's character map covers. */
type Ranges = [number, number][];

const byPath = new Map<string, (codePoint: number) => boolean>();

/**
 * Which characters a font file can draw, for the check of undrawable characters that `validate`
 * runs on every text. The answer depends only on the font file, so it is kept in the cache folder:
 * `ficha validate` then never loads fontkit (about 60 ms of its start), and a render only the
 * first time a font is seen.
 */
export function fontCoverage(path: string): (codePoint: number) => boolean {
  let has = byPath.get(path);
  if (has) return has;
  const cache = new DiskCache<Ranges>(`coverage-${fontFileDigest(path)}`, 1);
  let ranges = cache.get('ranges');
  if (!Array.isArray(ranges)) {
    ranges = rangesOf(path);
    cache.set('ranges', ranges);
  }
  const r = ranges;
  has = (cp: number) => {
    let [lo, hi] = [0, r.length - 1];
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (cp < r[mid]![0]) hi = mid - 1;
      else if (cp > r[mid]![1]) lo = mid + 1;
      else return true;
    }
    return false;
  };
  byPath.set(path, has);
  return has;
}

function rangesOf(path: string): Ranges {
  // Loaded here, and only here, when the cache has no answer for this font.
  const fontkit = createRequire(import.meta.url)('fontkit') as typeof import('fontkit');
  const font = fontkit.create(fontBytes(path));
  const cps = [...new Set(characterMap(font).map(([cp]) => cp))].sort((a, b) => a - b);
  const out: Ranges = [];
  for (const cp of cps) {
    const last = out[out.length - 1];
    if (last && cp === last[1] + 1) last[1] = cp;
    else out.push([cp, cp]);
  }
  return out;
}
