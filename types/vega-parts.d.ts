// The Vega packages that src/charts/vega.ts loads one by one; their types are those of `vega`.
declare module 'vega-dataflow' {
  export const transforms: Record<string, unknown>;
}
declare module 'vega-transforms';
declare module 'vega-view-transforms';
declare module 'vega-encode';
declare module 'vega-view' {
  export { View } from 'vega';
}
declare module 'vega-format' {
  export function defaultLocale(numberLocale: object, timeLocale: object): void;
}
declare module 'vega-scenegraph' {
  export const textMetrics: { width: unknown };
}
declare module 'vega-parser';
