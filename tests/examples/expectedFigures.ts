import { parse } from 'yaml';

/**
 * An independent, deliberately plain computation of the printed figures of INPUT.md ("Derived
 * figures"), used to check the engine's output in the PDF. It shares no code with src/.
 */
const fmt = (d: number) => new Intl.NumberFormat('es-CL', { minimumFractionDigits: d, maximumFractionDigits: d });
type V = number | string;
const isNum = (v: V): v is number => typeof v === 'number';
const mark = (...vs: V[]) => (vs.includes('S/I') ? 'S/I' : vs.includes('N/A') ? 'N/A' : undefined);
const printN = (v: V, d: number) => (isNum(v) ? fmt(d).format(v).replace(/^-(0[,.]?0*)$/, '$1') : v);
const printP = (v: V, d: number) => (isNum(v) ? `${printN(v, d)}%` : v);

/** The printed figures by table cell, shaped like the view model's fields they must equal. */
export interface ExpectedCells {
  cobertura: V[];
  ejecucion_inicial: V[];
  ejecucion_final: V[];
  ejecutado: V[];
  extrapresupuestario: V[];
  componentes: { gasto: V[]; produccion: V[]; unitario: V[] }[];
  administrativo: V[];
  total: V[];
  porcentaje: V[];
  gasto_por_beneficiario: V[];
  subtitulos: V[];
  subtitulos_total?: V;
  regiones: { gasto: V; beneficiarios: V }[];
  regiones_total?: { gasto: V; beneficiarios: V };
  indicadores: { tipo: string; valores: V[] }[];
  inflactores: string[];
}

export function expectedCells(yamlText: string): ExpectedCells {
  const d = parse(yamlText);
  const t: number = d.ficha.anio;
  const ys = [t - 2, t - 1, t];
  const nominal = d.ficha.moneda.montos === 'nominales';
  const infl = (y: number): number => (nominal ? d.ficha.moneda.inflactores[y] : 1);
  const amt = (v: V | undefined, y: number): V => (v === undefined ? 'N/A' : isNum(v) ? v * infl(y) : String(v).trim().toUpperCase());
  const cnt = (v: V | undefined): V => (v === undefined ? 'N/A' : isNum(v) ? v : String(v).trim().toUpperCase());
  const div = (a: V, b: V): V => mark(a, b) ?? (b === 0 ? 'N/A' : (a as number) / (b as number));
  const pc = (a: V, b: V): V => { const q = div(a, b); return isNum(q) ? q * 100 : q; };
  const add = (vs: V[]): V => mark(...vs) ?? vs.reduce((s: number, v) => s + (v as number), 0);
  const pop = d.poblacion.por_anio ?? {};
  const bud = d.presupuesto.por_anio ?? {};
  const comps = d.componentes ?? [];
  const e: ExpectedCells = { cobertura: [], ejecucion_inicial: [], ejecucion_final: [], ejecutado: [], extrapresupuestario: [], componentes: comps.map(() => ({ gasto: [], produccion: [], unitario: [] })), administrativo: [], total: [], porcentaje: [], gasto_por_beneficiario: [], subtitulos: [], regiones: [], indicadores: [], inflactores: [] };
  for (const y of ys) {
    const b = pop[y] ?? {};
    e.cobertura.push(printP(pc(cnt(b.beneficiaria), cnt(b.objetivo)), 1));
    const p = bud[y] ?? {};
    const ej = amt(p.ejecutado, y);
    e.ejecucion_inicial.push(printP(pc(ej, amt(p.inicial, y)), 0));
    e.ejecucion_final.push(printP(pc(ej, amt(p.final, y)), 0));
    e.ejecutado.push(printN(ej, 0));
    e.extrapresupuestario.push(printN(amt(p.extrapresupuestario ?? 'N/A', y), 0));
    comps.forEach((c: any, i: number) => {
      const g = amt(c.por_anio?.[y]?.gasto, y);
      const q = cnt(c.por_anio?.[y]?.produccion);
      e.componentes[i]!.gasto.push(printN(g, 0));
      e.componentes[i]!.produccion.push(printN(q, 0));
      e.componentes[i]!.unitario.push(printN(div(g, q), 1));
    });
    const adm = amt(d.gasto_administrativo?.[y], y);
    const total = add([...comps.map((c: any) => amt(c.por_anio?.[y]?.gasto, y)), adm]);
    e.administrativo.push(printN(adm, 0));
    e.total.push(printN(total, 0));
    e.porcentaje.push(printP(pc(adm, total), 1));
    e.gasto_por_beneficiario.push(printN(div(total, cnt(b.beneficiaria)), 1));
  }
  const subs = Object.values(d.presupuesto.subtitulos ?? {}).map((v) => amt(v as V, t));
  e.subtitulos = subs.map((s) => printN(s, 0));
  if (subs.length) e.subtitulos_total = printN(add(subs), 0);
  const regs = (d.regiones ?? []).filter((r: any) => !(r.gasto === 0 && r.beneficiarios === 0));
  e.regiones = regs.map((r: any) => ({ gasto: printN(amt(r.gasto, t), 0), beneficiarios: printN(cnt(r.beneficiarios), 0) }));
  if ((d.regiones ?? []).length) e.regiones_total = { gasto: printN(add((d.regiones ?? []).map((r: any) => amt(r.gasto, t))), 0), beneficiarios: printN(add((d.regiones ?? []).map((r: any) => cnt(r.beneficiarios))), 0) };
  for (const ind of d.indicadores) {
    e.indicadores.push({
      tipo: ind.tipo,
      valores: ys.map((y) => {
        const v = ind.valores?.[y] ?? 'N/A';
        if (!isNum(v)) return String(v).trim().toUpperCase() === 'S/I' ? 'S/I*' : 'N/A**';
        return ind.unidad === 'porcentaje' ? printP(v, 1) : printN(v, 1);
      }),
    });
  }
  e.inflactores = Object.entries(d.ficha.moneda.inflactores ?? {})
    .sort(([a], [b]) => Number(a) - Number(b))
    .map(([, v]) => new Intl.NumberFormat('es-CL', { maximumFractionDigits: 4 }).format(v as number));
  return e;
}

/** The view model's cells in the same shape, to compare with `expectedCells`. */
export function viewCells(view: any): ExpectedCells {
  return {
    cobertura: view.poblacion.cobertura,
    ejecucion_inicial: view.presupuesto.ejecucion_inicial,
    ejecucion_final: view.presupuesto.ejecucion_final,
    ejecutado: view.presupuesto.ejecutado,
    extrapresupuestario: view.presupuesto.extrapresupuestario,
    componentes: view.componentes.filas.map((c: any) => ({ gasto: c.gasto, produccion: c.produccion, unitario: c.unitario })),
    administrativo: view.componentes.administrativo,
    total: view.componentes.total,
    porcentaje: view.componentes.porcentaje,
    gasto_por_beneficiario: view.gasto_por_beneficiario,
    subtitulos: view.subtitulos.filas.map((f: any) => f.monto),
    ...(view.subtitulos.filas.length ? { subtitulos_total: view.subtitulos.total } : {}),
    regiones: view.regiones.filas.map((r: any) => ({ gasto: r.gasto, beneficiarios: r.beneficiarios })),
    regiones_total: view.regiones.total,
    indicadores: [...view.indicadores_proposito.map((i: any) => ({ tipo: 'proposito', valores: i.valores })), ...view.indicadores_complementarios.map((i: any) => ({ tipo: 'complementario', valores: i.valores }))],
    inflactores: view.inflactores.map((i: any) => i.valor),
  };
}

/** Both sides in one order: regions as a sorted list, indicators propósito first (as the tables print them). */
export function comparable(c: ExpectedCells): ExpectedCells {
  return {
    ...c,
    regiones: [...c.regiones].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
    indicadores: [...c.indicadores.filter((i) => i.tipo === 'proposito'), ...c.indicadores.filter((i) => i.tipo !== 'proposito')],
  };
}
