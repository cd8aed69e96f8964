import { listOf, money, num, pct } from '../format/format.js';
import type { ChartData } from '../present/chartData.js';
import { DIMENSIONS, type DimensionId, type SummaryProgram } from './collect.js';

/** One chart of the summary, as the templates' `grafico` partial takes it. */
interface SummaryChart {
  name: string;
  hay_datos: boolean;
  alt: string;
  alto: number;
  sin_datos: string;
  nota: string;
}

/** Every printed string of the summary, for templates/resumen.hbs. */
export interface SummaryView {
  titulo: string;
  anios: string;
  pie: string;
  /** «60 fichas de 12 ministerios», the ministries named when the summary is filtered. */
  alcance: string;
  filtro: string;
  metodologias: string[];
  por_ministerio: { ministerio: string; total: string; por_metodologia: string[] }[];
  total: { total: string; por_metodologia: string[] };
  hallazgos: { dimension: string; con: string; sin: string; porcentaje: string }[];
  graficos: Record<string, SummaryChart>;
  con_graficos: boolean;
  grupos: {
    ministerio: string;
    servicios: { servicio: string; filas: {
      programa: string;
      servicio: string;
      anio: number;
      pdf: string;
      cobertura: string;
      ejecucion_inicial: string;
      ejecucion_final: string;
      gasto_total: string;
      variacion: string;
      veredictos: string[];
      /** «Sí» (with findings) or «No», for the table's narrow columns. */
      veredictos_cortos: string[];
    }[] }[];
  }[];
  dimensiones: { corto: string; titulo: string }[];
}

const fmtPct = (v: number | null) => (v === null ? 'S/I' : pct(v, 1));

/** Bins of a distribution: a label, and whether a value falls in it. */
interface Bin {
  tramo: string;
  has: (v: number) => boolean;
}

/** Bins between `edges` (percentages; the axis title says so): «< 50», «50 a 70», «≥ 150». */
function bins(edges: number[]): Bin[] {
  const out: Bin[] = [{ tramo: `< ${num(edges[0]!, 0)}`, has: (v) => v < edges[0]! }];
  for (let i = 0; i + 1 < edges.length; i++) {
    const [lo, hi] = [edges[i]!, edges[i + 1]!];
    out.push({ tramo: `${num(lo, 0)} a ${num(hi, 0)}`, has: (v) => v >= lo && v < hi });
  }
  out.push({ tramo: `≥ ${num(edges[edges.length - 1]!, 0)}`, has: (v) => v >= edges[edges.length - 1]! });
  return out;
}

/**
 * A histogram's rows: how many fichas fall in each bin, each bin marked inside or outside the
 * band (`grupo`), for the `resumen-distribucion` spec.
 */
function histogram(values: (number | null)[], edges: number[], band?: [number, number], labels = ['Dentro de la banda', 'Fuera de la banda']): { rows: Record<string, unknown>[]; sinDato: number } {
  const known = values.filter((v): v is number => v !== null);
  const rows = bins(edges).map((b, orden) => {
    const n = known.filter(b.has).length;
    // A bin is inside the band when all of it is (the band's edges are bin edges).
    const inside = band ? (orden > 0 && orden < edges.length && edges[orden - 1]! >= band[0] && edges[orden]! <= band[1]) : true;
    return { tramo: b.tramo, orden, n, etiqueta: n ? String(n) : '', grupo: band ? (inside ? labels[0] : labels[1]) : labels[0] };
  });
  return { rows, sinDato: values.length - known.length };
}

function chart(name: string, spec: string, rows: Record<string, unknown>[], alt: string, alto: number, axis?: Record<string, unknown>): [ChartData, SummaryChart] {
  const hasData = rows.some((r) => (r.n as number) > 0);
  // Room above the tallest bar for its label: a fifth of the axis.
  const signals = axis && { ...axis, tope: Math.max(1, ...rows.map((r) => r.n as number)) * 1.22 };
  return [
    { name, spec, rows, alt, hasData, ...(signals ? { signals } : {}) },
    { name, hay_datos: hasData, alt, alto, sin_datos: 'Ninguna ficha informa esta cifra.', nota: '' },
  ];
}

const bandText = (b: [number, number]) => `${num(b[0], 0)}–${num(b[1], 0)}%`;

/** The year at a glance: counts, distributions against their bands, findings, every program. */
export function summaryView(programs: SummaryProgram[], opts: { ministerios?: string[]; charts?: boolean } = {}): { view: SummaryView; charts: Record<string, ChartData> } {
  const years = [...new Set(programs.map((p) => p.anio))].sort((a, b) => a - b);
  const anios = listOf(years);
  const ministries = [...new Set(programs.map((p) => p.ministerio))];
  const methods = [...new Set(programs.map((p) => p.metodologia))].sort();
  const count = (ps: SummaryProgram[]) => num(ps.length, 0);

  const porMinisterio = ministries.map((m) => {
    const ps = programs.filter((p) => p.ministerio === m);
    return { ministerio: m, total: count(ps), por_metodologia: methods.map((x) => count(ps.filter((p) => p.metodologia === x))) };
  });
  const hallazgos = DIMENSIONS.map((d) => {
    const con = programs.filter((p) => p.hallazgos[d.id] > 0).length;
    return { dimension: d.titulo, con: num(con, 0), sin: num(programs.length - con, 0), porcentaje: programs.length ? pct((100 * con) / programs.length, 1) : 'N/A' };
  });

  // Every ficha of the bands' rule set shares them; mixed rule sets show the most common.
  const commonBand = (pick: (p: SummaryProgram) => [number, number] | undefined): [number, number] | undefined => {
    const tally = new Map<string, { b: [number, number]; n: number }>();
    for (const p of programs) {
      const b = pick(p);
      if (b) tally.set(b.join('-'), { b, n: (tally.get(b.join('-'))?.n ?? 0) + 1 });
    }
    return [...tally.values()].sort((a, b) => b.n - a.n)[0]?.b;
  };
  const bi = commonBand((p) => p.bandas.inicial) ?? [85, 110];
  const bf = commonBand((p) => p.bandas.final) ?? [90, 110];
  const ejecEdges = [50, 70, 85, 90, 100, 110, 130, 150];
  const hi = histogram(programs.map((p) => p.ejecucionInicial), ejecEdges, bi);
  const hf = histogram(programs.map((p) => p.ejecucionFinal), ejecEdges, bf);
  const hc = histogram(programs.map((p) => p.cobertura), [10, 25, 50, 75, 90, 100]);
  const hv = histogram(programs.map((p) => p.variacionGpb), [-50, -25, -10, 0, 10, 25, 50, 100]);
  const inBand = (vs: (number | null)[], b: [number, number]) => vs.filter((v) => v !== null && v >= b[0] && v <= b[1]).length;
  const noData = (n: number) => (n ? `; ${num(n, 0)} sin dato` : '');
  const describe = (rows: Record<string, unknown>[]) => rows.filter((r) => (r.n as number) > 0).map((r) => `${r.tramo}: ${r.n}`).join('; ');

  const hallazgosRows = ministries.flatMap((m) =>
    DIMENSIONS.map((d) => {
      const n = programs.filter((p) => p.ministerio === m && p.hallazgos[d.id] > 0).length;
      const short = m.replace(/^Ministerio (de(l| la| las| los)? )?/, '');
      return { ministerio: short.charAt(0).toLocaleUpperCase('es-CL') + short.slice(1), dimension: d.corto, n, etiqueta: n ? String(n) : '' };
    }),
  );

  const entries: [ChartData, SummaryChart][] = [
    chart('resumen-ejecucion-inicial', 'resumen-distribucion', hi.rows, `Ejecución presupuestaria inicial: ${num(inBand(programs.map((p) => p.ejecucionInicial), bi), 0)} de ${count(programs)} fichas dentro de la banda ${bandText(bi)}${noData(hi.sinDato)}. Por tramo (%): ${describe(hi.rows)}.`, 150, { eje: 'Ejecución inicial (%)' }),
    chart('resumen-ejecucion-final', 'resumen-distribucion', hf.rows, `Ejecución presupuestaria final: ${num(inBand(programs.map((p) => p.ejecucionFinal), bf), 0)} de ${count(programs)} fichas dentro de la banda ${bandText(bf)}${noData(hf.sinDato)}. Por tramo (%): ${describe(hf.rows)}.`, 150, { eje: 'Ejecución final (%)' }),
    chart('resumen-cobertura', 'resumen-histograma', hc.rows, `Cobertura de las ${count(programs)} fichas${noData(hc.sinDato)}. Por tramo (%): ${describe(hc.rows)}.`, 140, { eje: 'Cobertura (%)' }),
    chart('resumen-variacion', 'resumen-histograma', hv.rows, `Variación anual del gasto por beneficiario${noData(hv.sinDato)}. Por tramo (%): ${describe(hv.rows)}.`, 140, { eje: 'Variación anual (%)' }),
    chart(
      'resumen-hallazgos',
      'resumen-hallazgos',
      hallazgosRows,
      `Programas con hallazgos por dimensión y ministerio: ${ministries.map((m) => `${m}: ${DIMENSIONS.map((d) => `${d.corto} ${programs.filter((p) => p.ministerio === m && p.hallazgos[d.id] > 0).length}`).join(', ')}`).join('; ')}.`,
      Math.min(520, 40 + ministries.length * 30),
    ),
  ];
  const charts = Object.fromEntries(entries.map(([c]) => [c.name, c]));
  const graficos = Object.fromEntries(entries.map(([c, g]) => [c.name, g]));

  const verdict = (p: SummaryProgram, id: DimensionId) => (p.hallazgos[id] > 0 ? 'Con hallazgos' : 'Sin hallazgos');
  const row = (p: SummaryProgram) => ({
        programa: p.programa,
        servicio: p.servicio,
        anio: p.anio,
        pdf: p.pdf,
        cobertura: fmtPct(p.cobertura),
        ejecucion_inicial: fmtPct(p.ejecucionInicial),
        ejecucion_final: fmtPct(p.ejecucionFinal),
        gasto_total: p.gastoTotal === null ? 'S/I' : money(p.gastoTotal),
        variacion: fmtPct(p.variacionGpb),
        veredictos: DIMENSIONS.map((d) => verdict(p, d.id)),
        veredictos_cortos: DIMENSIONS.map((d) => (p.hallazgos[d.id] > 0 ? 'Sí' : 'No')),
  });
  const grupos = ministries.map((m) => {
    const ofMinistry = programs.filter((p) => p.ministerio === m);
    return { ministerio: m, servicios: [...new Set(ofMinistry.map((p) => p.servicio))].map((servicio) => ({ servicio, filas: ofMinistry.filter((p) => p.servicio === servicio).map(row) })) };
  });

  const filtro = opts.ministerios?.length ? listOf(opts.ministerios) : '';
  const view: SummaryView = {
    titulo: `Monitoreo y Seguimiento Oferta Pública ${anios}`,
    anios,
    pie: `Resumen del monitoreo y seguimiento de la oferta pública ${anios}${filtro ? ` · ${filtro}` : ''}`,
    alcance: `${count(programs)} ficha${programs.length === 1 ? '' : 's'} de ${num(ministries.length, 0)} ministerio${ministries.length === 1 ? '' : 's'}`,
    filtro,
    metodologias: methods,
    por_ministerio: porMinisterio,
    total: { total: count(programs), por_metodologia: methods.map((x) => count(programs.filter((p) => p.metodologia === x))) },
    hallazgos,
    graficos,
    con_graficos: opts.charts !== false,
    grupos,
    dimensiones: DIMENSIONS.map((d) => ({ corto: d.corto, titulo: d.titulo })),
  };
  return { view, charts };
}
