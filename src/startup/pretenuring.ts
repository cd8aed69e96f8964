import { setFlagsFromString } from 'node:v8';
import { userChoseNodeFlag } from './userNodeFlags.js';

/**
 * V8 "pretenures" an allocation site once most of its objects survive a young-generation
 * collection: it allocates them in the old generation from then on, where only a full (mark-compact)
 * collection frees them. A ficha's objects (its layout tree, its PDF objects, Vega's data) live
 * for one ficha: long enough to survive a young collection, not long enough for the old generation.
 * A long batch pretenured more and more of them, and the old generation filled with the garbage of
 * finished fichas. Without pretenuring, 300 fichas with two workers took ~7% less time and CPU
 * (9 of 9 alternated pairs) and 1,000 fichas ~9% less, with the same peak RSS; one thread rendering
 * 600 fichas ran 22 full collections instead of 36.
 * Set for every command at start-up, not only for batches: V8 includes this flag in its code
 * caches' check, so a batch and a single render under different settings would keep rejecting each
 * other's code cache. A choice of the person running the command is kept.
 */
export function keepFichaObjectsYoung(): void {
  if (userChoseNodeFlag(/allocation-site-pretenuring/)) return;
  setFlagsFromString('--no-allocation-site-pretenuring');
}
