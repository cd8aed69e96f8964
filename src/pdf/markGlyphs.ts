import type * as fontkit from 'fontkit';
import { DiskCache } from '../cache/diskCache.js';
import { fontFileDigest } from './fontFiles.js';
import { markFeatureGlyphs } from './fontkitInternals.js';

/** Per font file: the glyphs its 'mark' and 'mkmk' lookups can move (`glyphs: null`: cannot tell). */
let cache: DiskCache<{ glyphs: number[] | null }> | undefined;

/**
 * The mark glyphs of the font read from `path` (see layoutWithoutIdleMarkFeatures). Finding them
 * decodes the lookups that skipping them saves, so they are kept in the cache folder by font file:
 * only a process that finds none there pays for them.
 */
export function markGlyphsOf(font: fontkit.Font, path: string): ReadonlySet<number> | null {
  cache ??= new DiskCache('mark-glyphs', 64);
  const key = fontFileDigest(path);
  let entry = cache.get(key);
  if (!entry || (entry.glyphs !== null && !Array.isArray(entry.glyphs))) cache.set(key, (entry = { glyphs: markFeatureGlyphs(font) }));
  return entry.glyphs && new Set(entry.glyphs);
}
