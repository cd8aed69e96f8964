/**
 * The parts of Vega that laying out ficha's charts needs, instead of the `vega` bundle: its index
 * loads and registers every transform (geography, force layouts, word clouds, Voronoi…) and every
 * renderer, a third of the start-up of a command that draws charts. The transforms registered
 * here are those of the dataflow, data, encoding and view packages: everything Vega-Lite emits for
 * the ficha's specs (the chart tests render each one). `parse` is loaded only when a spec is not
 * in the cache folder yet.
 */
import { transforms } from 'vega-dataflow';
import * as encode from 'vega-encode';
import * as dataTransforms from 'vega-transforms';
import { extend } from 'vega-util';
import * as viewTransforms from 'vega-view-transforms';
import type { Runtime, Spec } from 'vega';

extend(transforms, dataTransforms, viewTransforms, encode);

export { View } from 'vega-view';
export { defaultLocale } from 'vega-format';
export { textMetrics } from 'vega-scenegraph';
export type { Runtime, Spec } from 'vega';

/** Vega's parser (a Vega spec -> its runtime), loaded on first use. */
export async function parse(spec: Spec): Promise<Runtime> {
  const { parse: vegaParse } = (await import('vega-parser')) as { parse: (spec: Spec) => Runtime };
  return vegaParse(spec);
}
