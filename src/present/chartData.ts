import type { Ficha } from '../metrics/ficha.js';
import type { Series } from '../metrics/series.js';
import { isMarker, type Value } from '../metrics/value.js';
import { SUBTITULOS } from '../catalogs/catalogs.js';
import { money, num, pct } from '../format/format.js';

/** One chart's data, bound at run time to its Vega-Lite spec. */
export interface ChartData {
  name: string;
  spec: string;
  rows: Record<string, unknown>[];
  signals?: Record<string, unknown>;
  /** The chart's numbers in words, for screen readers. */
  alt: string;
  /** Which values are markers: drawn as gaps, never as zeros. */
  gaps?: string;
  hasData: boolean;
}

const value = (v: Value): number | null => (isMarker(v) ? null : v);

/**
 * A ceiling for the value axis with room above the highest value, so the labels printed over
 * bars and points stay inside the plot (and off the legend).
 */
function ceiling(values: Value[], zero = true, room = 0.18): number | null {
  const nums = values.filter((v): v is number => !isMarker(v));
  if (!nums.length) return null;
  const max = Math.max(...nums, zero ? 0 : -Infinity);
  const min = zero ? 0 : Math.min(...nums);
  const span = max - min || Math.abs(max) || 1;
  return max + span * room;
}

/** Horizontal bars carry their label to the right: a third more room than the longest bar. */
const LABEL_ROOM = 0.35;

/** The axis floor for a line chart, with room below the lowest point for its label. */
function floor(values: Value[]): number | null {
  const nums = values.filter((v): v is number => !isMarker(v));
  if (!nums.length) return null;
  const min = Math.min(...nums);
  const span = Math.max(...nums) - min || Math.abs(min) || 1;
  return min - span * 0.3;
}

/**
 * On a line, a point lower than its neighbours has the line above it: its label goes below
 * (`abajo`), so no label sits on a line segment.
 */
function markValleys(rows: Record<string, unknown>[]): void {
  rows.forEach((r, i) => {
    const v = r.valor as number | null;
    const around = [rows[i - 1]?.valor, rows[i + 1]?.valor].filter((x): x is number => typeof x === 'number');
    r.abajo = v !== null && around.length > 0 && around.every((x) => x > v);
  });
}

function gapsNote(points: { label: string; v: Value }[]): string | undefined {
  const gaps = points.filter((p) => isMarker(p.v));
  if (!gaps.length) return undefined;
  return `Sin dato en el gráfico: ${gaps.map((g) => `${g.label} (${g.v})`).join(', ')}.`;
}

function words(title: string, points: { label: string; text: string; v: Value }[]): string {
  return `${title}: ${points.map((p) => `${p.label}, ${isMarker(p.v) ? `sin dato (${p.v})` : p.text}`).join('; ')}.`;
}

function byYear(name: string, spec: string, title: string, f: Ficha, s: Series, fmt: (v: Value) => string, signals?: Record<string, unknown>, zero = true): ChartData {
  const points = f.figures.years.map((y) => ({ label: String(y), v: s[y]!, text: fmt(s[y]!) }));
  const tope = ceiling(points.map((p) => p.v), zero);
  return {
    name,
    spec,
    rows: points.map((p) => ({ anio: p.label, valor: value(p.v), etiqueta: p.text })),
    signals: { ...signals, tope },
    alt: words(title, points),
    gaps: gapsNote(points),
    hasData: points.some((p) => !isMarker(p.v)),
  };
}

/** The data of every chart of a ficha, from its computed figures. */
export function chartData(f: Ficha): Record<string, ChartData> {
  const g = f.figures;
  const moneda = `M$ ${f.input.ficha.moneda.anio_base}`;
  const out: Record<string, ChartData> = {};
  const add = (c: ChartData) => (out[c.name] = c);

  add(byYear('cobertura', 'cobertura', 'Gráfico de barras de la cobertura por año', f, g.cobertura, (v) => pct(v, 1)));
  add(byYear('gasto-beneficiario', 'gasto-beneficiario', `Gráfico de barras del gasto por beneficiario por año (${moneda})`, f, g.gasto_por_beneficiario, (v) => num(v, 1), { moneda }));

  // Each bar is judged against its own band: under dipres-2025 the initial budget's is 85-110%, the final's 90-110%.
  const bandOf = (id: string) => f.ruleSet.reglas.find((r) => r.id === id && r.tipo === 'bandas') as { inferior: number; superior: number } | undefined;
  const bands = { Inicial: bandOf('ejecucion_inicial'), Final: bandOf('ejecucion_final') };
  const ejec = g.years.flatMap((y) => [
    { label: `${y} inicial`, anio: String(y), serie: 'Inicial', v: g.ejecucion_inicial[y]!, text: pct(g.ejecucion_inicial[y]!, 0) },
    { label: `${y} final`, anio: String(y), serie: 'Final', v: g.ejecucion_final[y]!, text: pct(g.ejecucion_final[y]!, 0) },
  ]);
  add({
    name: 'ejecucion',
    spec: 'ejecucion',
    rows: ejec.map((p) => ({
      anio: p.anio,
      serie: p.serie,
      valor: value(p.v),
      etiqueta: p.text,
      inferior: bands[p.serie as 'Inicial' | 'Final']?.inferior ?? null,
      superior: bands[p.serie as 'Inicial' | 'Final']?.superior ?? null,
    })),
    signals: { tope: ceiling([...ejec.map((e) => e.v), bands.Inicial?.superior ?? 0, bands.Final?.superior ?? 0]) },
    alt: words('Gráfico de barras de la ejecución presupuestaria inicial y final por año', ejec) + bandsAlt(bands.Inicial, bands.Final),
    gaps: gapsNote(ejec),
    hasData: ejec.some((p) => !isMarker(p.v)),
  });

  const subs = g.subtitulos.map((s, i) => ({ label: `${s.codigo} ${(Object.hasOwn(SUBTITULOS, s.codigo) && SUBTITULOS[s.codigo]) || ''}`.trim(), orden: i, v: s.monto, text: money(s.monto) }));
  add({
    name: 'subtitulos',
    spec: 'subtitulos',
    rows: subs.map((p) => ({ subtitulo: p.label, orden: p.orden, valor: value(p.v), etiqueta: p.text })),
    signals: { moneda, tope: ceiling(subs.map((p) => p.v), true, LABEL_ROOM) },
    alt: words(`Gráfico de barras del gasto ejecutado ${g.anio} por subtítulo (${moneda})`, subs),
    gaps: gapsNote(subs),
    hasData: subs.some((p) => !isMarker(p.v)),
  });

  const regions = g.regiones.filter((r) => !(r.gasto === 0 && r.beneficiarios === 0));
  for (const [name, pick, fmt, title] of [
    ['regiones-gasto', (r: (typeof regions)[number]) => r.gasto, money, `Gráfico de barras del gasto de componentes ${g.anio} por región, de norte a sur (${moneda})`],
    ['regiones-beneficiarios', (r: (typeof regions)[number]) => r.beneficiarios, (v: Value) => num(v, 0), `Gráfico de barras de la población beneficiada ${g.anio} por región, de norte a sur`],
  ] as const) {
    const points = regions.map((r) => ({ label: r.region.name, short: r.region.short, orden: r.region.order, v: pick(r), text: fmt(pick(r)) }));
    add({
      name,
      spec: name,
      rows: points.map((p) => ({ region: p.short, orden: p.orden, valor: value(p.v), etiqueta: p.text })),
      signals: { ...(name === 'regiones-gasto' ? { moneda } : {}), tope: ceiling(points.map((p) => p.v), true, LABEL_ROOM) },
      alt: words(title, points),
      gaps: gapsNote(points),
      hasData: points.some((p) => !isMarker(p.v)),
    });
  }

  g.indicadores.forEach((ind, i) => {
    const fmt = (v: Value) => (ind.unidad === 'porcentaje' ? pct(v, 1) : num(v, 1));
    const c = byYear(
      `indicador-${i + 1}`,
      'indicador',
      `Gráfico de líneas del indicador «${ind.nombre}» por año`,
      f,
      ind.valores,
      fmt,
      { unidad: ind.unidad === 'porcentaje' ? '%' : '', piso: floor(g.years.map((y) => ind.valores[y]!)) },
      false,
    );
    markValleys(c.rows);
    add(c);
  });
  return out;
}

type Band = { inferior: number; superior: number } | undefined;

/** What the shaded bands mean, for the alternative text. */
function bandsAlt(inicial: Band, final: Band): string {
  if (!inicial && !final) return '';
  if (inicial && final && inicial.inferior === final.inferior && inicial.superior === final.superior) {
    return ` La banda sombreada detrás de cada barra marca el rango esperado, entre ${inicial.inferior}% y ${inicial.superior}%.`;
  }
  const part = (name: string, b: Band) => (b ? `${name} entre ${b.inferior}% y ${b.superior}%` : '');
  return ` La banda sombreada detrás de cada barra marca su rango esperado: ${[part('inicial', inicial), part('final', final)].filter(Boolean).join('; ')}.`;
}
