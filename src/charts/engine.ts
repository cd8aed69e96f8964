import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vega from './vega.js';
import type { TopLevelSpec } from 'vega-lite';
import { chartTheme, resolveThemeRefs, vegaLiteConfig, type ChartTheme } from './theme.js';
import type { Theme } from '../layout/templates.js';
import { cacheDir } from '../cache/cacheDir.js';
import { readStamped, writeStamped } from '../cache/stamped.js';

/** Text width as the PDF will set it: the chart layout must measure what is drawn. */
export type MeasureText = (text: string, bold: boolean, size: number) => number;

export interface ChartRequest {
  /** Spec file in templates/charts/, without `.vl.json`. */
  spec: string;
  rows: object[];
  /** Values for the spec's params (e.g. the axis title `moneda`). */
  signals?: Record<string, unknown>;
  width: number;
  height: number;
}

/** Vega's scenegraph: marks and items, in points (1 Vega pixel = 1 pt). */
export interface SceneMark {
  marktype: string;
  role?: string;
  name?: string;
  items: SceneItem[];
}
export interface SceneItem {
  [key: string]: unknown;
  items?: SceneMark[];
}

// es-CL number formats on axes: "2.300,2", "4,5".
vega.defaultLocale(
  { decimal: ',', thousands: '.', grouping: [3], currency: ['$', ''] },
  {
    dateTime: '%A, %e de %B de %Y, %X',
    date: '%d-%m-%Y',
    time: '%H:%M:%S',
    periods: ['AM', 'PM'],
    days: ['domingo', 'lunes', 'martes', 'miércoles', 'jueves', 'viernes', 'sábado'],
    shortDays: ['dom', 'lun', 'mar', 'mié', 'jue', 'vie', 'sáb'],
    months: ['enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'septiembre', 'octubre', 'noviembre', 'diciembre'],
    shortMonths: ['ene', 'feb', 'mar', 'abr', 'may', 'jun', 'jul', 'ago', 'sept', 'oct', 'nov', 'dic'],
  },
);
const textMetrics = vega.textMetrics;

/** Where the laid-out chart's marks, axes and labels reach, in the view's coordinates. */
function extent(view: vega.View): { x1: number; y1: number; x2: number; y2: number } {
  const root = (view.scenegraph() as unknown as { root: { bounds: { x1: number; y1: number; x2: number; y2: number } } }).root;
  const [ox, oy] = (view as unknown as { origin(): [number, number] }).origin();
  const b = root.bounds;
  return { x1: b.x1 + ox, y1: b.y1 + oy, x2: b.x2 + ox, y2: b.y2 + oy };
}

/**
 * Compiles each Vega-Lite spec of a templates folder once, parses it once, and keeps its Views: a
 * batch binds new data to a kept View per chart, never recompiles.
 */
export class ChartEngine {
  readonly stats = { compiled: 0, reused: 0, layoutPasses: 0, charts: 0 };
  /** Vega-Lite's compile warnings: a spec that warns is a spec to fix (the tests check this is empty). */
  readonly warnings: string[] = [];
  private readonly runtimes = new Map<string, vega.Runtime>();
  private readonly theme: ChartTheme;

  constructor(
    private readonly templatesDir: string,
    theme: Theme,
    private readonly measure: MeasureText,
    private readonly fontName = 'Arimo',
  ) {
    this.theme = chartTheme(theme);
  }

  private async runtime(spec: string): Promise<vega.Runtime> {
    const cached = this.runtimes.get(spec);
    if (cached) {
      this.stats.reused++;
      return cached;
    }
    const raw = JSON.parse(readFileSync(join(this.templatesDir, 'charts', `${spec}.vl.json`), 'utf8')) as Record<string, unknown>;
    const vl = resolveThemeRefs(raw, this.theme.colors) as Record<string, unknown>;
    vl.config = { ...vegaLiteConfig(this.theme, this.fontName), ...((vl.config as object) ?? {}) };
    // A numeric width and height make Vega-Lite size band scales to fit; the real size is set per chart.
    vl.autosize = { type: 'fit', contains: 'padding' };
    vl.width = 300;
    vl.height = 120;
    const runtime = await this.parsed(spec, vl);
    this.runtimes.set(spec, runtime);
    this.stats.compiled++;
    return runtime;
  }

  /**
   * The Vega runtime (Vega's parsed dataflow) of the Vega-Lite spec `vl`. Compiling with Vega-Lite
   * and parsing with Vega depend only on `vl` and the two libraries' versions, so the result is
   * kept in the cache folder by a hash of `vl`, stamped with the build identity (which holds the
   * versions): a person rendering one ficha at a time does not pay
   * for compiling and parsing every chart spec at every start, nor for loading Vega-Lite at all.
   */
  private async parsed(spec: string, vl: Record<string, unknown>): Promise<vega.Runtime> {
    const key = createHash('sha256').update(JSON.stringify(vl)).digest('hex');
    const cache = cacheDir();
    const dir = cache && join(cache, 'vega');
    const name = `${spec}-${key.slice(0, 32)}.runtime.json`;
    // Stamped (cache/stamped.ts): a file from another build, or damaged, is compiled again.
    const stored = dir ? readStamped(join(dir, name)) : undefined;
    if (stored) return JSON.parse(stored.toString('utf8')) as vega.Runtime;
    const { compile } = await import('vega-lite');
    const warnings = this.warnings;
    const logger = { level: () => logger, error: (...m: unknown[]) => warnings.push(`${spec}: ${m.join(' ')}`), warn: (...m: unknown[]) => warnings.push(`${spec}: ${m.join(' ')}`), info: () => logger, debug: () => logger };
    const before = warnings.length;
    const runtime = await vega.parse(compile(vl as unknown as TopLevelSpec, { logger: logger as never }).spec);
    // A spec that warns is compiled again next time, so that its warnings are seen again.
    if (dir && warnings.length === before) {
      try {
        writeStamped(dir, name, Buffer.from(JSON.stringify(runtime), 'utf8'));
      } catch {
        // a read-only or full cache folder: no cache
      }
    }
    return runtime;
  }

  /**
   * Views kept between charts, by spec. A new View parses every operator of the runtime again and
   * compiles its expressions (three quarters of a chart's time); a kept one only takes the new
   * data, signals and size. Views in use are taken out, so renders running at the same time never
   * share one.
   */
  private readonly idle = new Map<string, KeptView[]>();

  private async take(spec: string): Promise<KeptView> {
    const kept = this.idle.get(spec)?.pop();
    if (kept) {
      this.stats.reused++;
      return kept;
    }
    return { view: new vega.View(await this.runtime(spec), { renderer: 'none' }), defaults: new Map() };
  }

  private give(spec: string, kept: KeptView): void {
    const list = this.idle.get(spec) ?? [];
    if (list.length < MAX_IDLE_VIEWS) list.push(kept);
    else kept.view.finalize();
    this.idle.set(spec, list);
  }

  /** Lays out one chart and returns its scenegraph (and, on request, Vega's SVG of it). */
  async render(req: ChartRequest, withSvg = false): Promise<{ scene: SceneMark; svg?: string }> {
    const measure = this.measure;
    textMetrics.width = (item: { fontSize?: number; fontWeight?: string | number }, text: unknown) =>
      measure(String(text ?? ''), item.fontWeight === 'bold' || Number(item.fontWeight) >= 600, item.fontSize ?? 11);
    const kept = await this.take(req.spec);
    const { view, defaults } = kept;
    let healthy = false;
    try {
      // A signal an earlier chart set and this one does not goes back to the spec's value.
      const signals = req.signals ?? {};
      for (const k of Object.keys(signals)) if (!defaults.has(k)) defaults.set(k, view.signal(k));
      for (const [k, v] of defaults) view.signal(k, k in signals ? signals[k] : v);
      view.data('values', req.rows);
      // Vega's 'fit' sizes the plot but not the labels printed beside bars: measure what was laid
      // out (text measured with the PDF's font) and shrink the view until all of it fits the box.
      this.stats.charts++;
      let [w, h] = [req.width, req.height];
      let box = { x1: 0, y1: 0, x2: 0, y2: 0 };
      for (let pass = 0; pass < 4; pass++) {
        view.width(w).height(h);
        await view.runAsync();
        this.stats.layoutPasses++;
        box = extent(view);
        // Content reaching past the top or left edge is shifted in when drawn: what must fit is its extent.
        const overX = Math.max(0, box.x2 - Math.min(0, box.x1) - req.width);
        const overY = Math.max(0, box.y2 - Math.min(0, box.y1) - req.height);
        if (overX < 0.5 && overY < 0.5) break;
        [w, h] = [w - overX, h - overY];
      }
      // Vega's renderers shift the scene by the view's origin (padding and axis room); so must we.
      // The scene is copied out: the kept view changes its own items for the next chart.
      const root = copyScene((view.scenegraph() as unknown as { root: SceneMark }).root);
      const [ox, oy] = (view as unknown as { origin(): [number, number] }).origin();
      const scene: SceneMark = { marktype: 'group', items: [{ x: ox + Math.max(0, -box.x1), y: oy + Math.max(0, -box.y1), items: [root] }] };
      const svg = withSvg ? await view.toSVG() : undefined;
      healthy = true;
      return { scene, svg };
    } finally {
      // A view whose run failed may hold half-updated state: it is dropped, not kept.
      if (healthy) this.give(req.spec, kept);
      else view.finalize();
    }
  }
}

interface KeptView {
  view: vega.View;
  /** Each signal's value in the spec, kept from before a chart first set it. */
  defaults: Map<string, unknown>;
}

/** Idle views kept per spec: one per render running at the same time, within reason. */
const MAX_IDLE_VIEWS = 4;

/**
 * What drawScene reads of a scenegraph, copied out of Vega's live items. Axis ticks, grid lines
 * and labels are put in tick order (their datum's `index`): a kept view updates the items of the
 * ticks it already had in place and appends new ones, so its item order depends on the charts
 * drawn before; a new view's order is tick order. Same order, same PDF.
 */
function copyScene(mark: SceneMark): SceneMark {
  type Live = SceneItem & { datum?: { index?: unknown } };
  const items = mark.items as Live[];
  const ordered = items.length > 1 && items.every((it) => typeof it.datum?.index === 'number') ? [...items].sort((a, b) => (a.datum!.index as number) - (b.datum!.index as number)) : items;
  return {
    marktype: mark.marktype,
    role: mark.role,
    name: mark.name,
    items: ordered.map((it) => {
      const out: SceneItem = {};
      for (const k in it) {
        if (k === 'mark' || k === 'datum' || k === 'bounds' || k === 'items' || k === 'context' || k === 'clip') continue;
        out[k] = it[k];
      }
      if (it.items) out.items = (it.items as SceneMark[]).map(copyScene);
      return out;
    }),
  };
}
