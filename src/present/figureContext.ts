import type { Ficha } from '../metrics/ficha.js';
import type { Series } from '../metrics/series.js';
import type { Value } from '../metrics/value.js';
import { Fig } from './figure.js';

type SeriesView = Record<string, Fig>;

function seriesView(f: Ficha, s: Series, extra: Record<string, Value> = {}): SeriesView {
  const [t2, t1, t] = f.figures.years;
  const out: SeriesView = { t: new Fig(s[t]!), t1: new Fig(s[t1]!), t2: new Fig(s[t2]!) };
  for (const y of f.figures.years) out[y] = new Fig(s[y]!);
  for (const [k, v] of Object.entries(extra)) out[k] = new Fig(v);
  return out;
}

/** What a narrative can name: every derived figure of the input format, by year and by t/t1/t2. */
export function figureContext(f: Ficha): object {
  const g = f.figures;
  const p = f.input.programa;
  const s = (series: Series) => seriesView(f, series);
  return {
    anio: g.anio,
    anio_anterior: g.anio - 1,
    programa: { id: p.id, nombre: p.nombre, servicio: p.servicio, ministerio: p.ministerio, anio_inicio: p.anio_inicio, anio_termino: p.anio_termino },
    poblacion: { objetivo: s(g.objetivo), beneficiaria: s(g.beneficiaria) },
    presupuesto: { inicial: s(g.inicial), final: s(g.final), ejecutado: s(g.ejecutado), extrapresupuestario: s(g.extrapresupuestario) },
    cobertura: s(g.cobertura),
    ejecucion_inicial: s(g.ejecucion_inicial),
    ejecucion_final: s(g.ejecucion_final),
    gasto_total: s(g.gasto_total),
    gasto_administrativo: s(g.gasto_administrativo),
    porcentaje_gasto_administrativo: s(g.porcentaje_gasto_administrativo),
    gasto_unitario: g.componentes.map((c) => s(c.gasto_unitario)),
    componentes: g.componentes.map((c) => ({ nombre: c.nombre, gasto: s(c.gasto), produccion: s(c.produccion), gasto_unitario: s(c.gasto_unitario) })),
    gasto_por_beneficiario: seriesView(f, g.gasto_por_beneficiario, {
      variacion_anual: g.gasto_por_beneficiario_variacion_anual,
      variacion_promedio: g.gasto_por_beneficiario_variacion_promedio,
    }),
    subtitulos: { total: new Fig(g.subtitulos_total) },
    regiones: { total: { gasto: new Fig(g.regiones_total.gasto), beneficiarios: new Fig(g.regiones_total.beneficiarios) } },
    indicadores: g.indicadores.map((i) => ({ nombre: i.nombre, valores: s(i.valores), variacion: new Fig(i.variacion) })),
  };
}
