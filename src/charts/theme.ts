import type { Theme } from '../layout/templates.js';

export interface ChartTheme {
  colors: Record<string, string>;
  fontSize: number;
  titleFontSize: number;
  labelFontSize: number;
}

export function chartTheme(theme: Theme): ChartTheme {
  const c = (theme as unknown as { chart?: ChartTheme }).chart;
  if (!c) throw new Error('theme.json has no "chart" section');
  return c;
}

/** Vega-Lite config from the theme: the document's font, sizes and greys; es-CL formats are set globally. */
export function vegaLiteConfig(t: ChartTheme, font: string): object {
  const c = t.colors;
  return {
    font,
    background: null,
    padding: 2,
    view: { stroke: null },
    axis: {
      labelFont: font,
      titleFont: font,
      labelFontSize: t.labelFontSize,
      titleFontSize: t.titleFontSize,
      titleFontWeight: 'normal',
      labelColor: c.text,
      titleColor: c.muted,
      gridColor: c.grid,
      domainColor: c.axis,
      tickColor: c.axis,
      labelPadding: 3,
      titlePadding: 4,
    },
    axisX: { grid: false },
    // Numeric axis labels never collide: Vega drops the ones that would (measured with the PDF's
    // font). Category labels (years, regions, subtítulos) are never dropped.
    axisQuantitative: { labelOverlap: 'greedy', labelSeparation: 4 },
    axisBand: { labelOverlap: false },
    legend: { labelFont: font, labelFontSize: t.labelFontSize, symbolSize: 50, padding: 0, offset: 4 },
    text: { font, fontSize: t.fontSize, color: c.text },
    mark: { invalid: 'break-paths-show-domains' },
  };
}

/**
 * Chart specs name theme colours as `{"expr": "theme.primary"}` (or an array of them), so the
 * specs stay editable JSON and the colours live in theme.json. Resolved once, before compiling.
 */
export function resolveThemeRefs(node: unknown, colors: Record<string, string>): unknown {
  if (Array.isArray(node)) return node.map((n) => resolveThemeRefs(n, colors));
  if (node && typeof node === 'object') {
    const entries = Object.entries(node);
    if (entries.length === 1 && entries[0]![0] === 'expr' && typeof entries[0]![1] === 'string') {
      const expr = entries[0]![1].trim();
      const one = /^theme\.(\w+)$/.exec(expr);
      if (one) return color(one[1]!, colors);
      const many = /^\[(.*)\]$/.exec(expr);
      if (many && many[1]!.split(',').every((s) => /^\s*theme\.\w+\s*$/.test(s))) {
        return many[1]!.split(',').map((s) => color(s.trim().slice('theme.'.length), colors));
      }
    }
    return Object.fromEntries(entries.map(([k, v]) => [k, resolveThemeRefs(v, colors)]));
  }
  return node;
}

function color(name: string, colors: Record<string, string>): string {
  const c = colors[name];
  if (!c) throw new Error(`chart spec names theme.${name}, which theme.json's chart.colors does not have`);
  return c;
}
