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

export function expectedFigures(yamlText: string): string[] {
  const d = parse(yamlText);
  const t: number = d.ficha.anio;
  const ys = [t - 2, t - 1, t];
  const nominal = d.ficha.moneda.montos === 'nominales';
  const infl = (y: number): number => (nominal ? d.ficha.moneda.inflactores[y] : 1);
  const amt = (v: V | undefined, y: number): V => (v === undefined ? 'N/A' : isNum(v) ? v * infl(y) : v);
  const cnt = (v: V | undefined): V => (v === undefined ? 'N/A' : v);
  const div = (a: V, b: V): V => mark(a, b) ?? (b === 0 ? 'N/A' : (a as number) / (b as number));
  const pc = (a: V, b: V): V => { const q = div(a, b); return isNum(q) ? q * 100 : q; };
  const add = (vs: V[]): V => mark(...vs) ?? vs.reduce((s: number, v) => s + (v as number), 0);

  const out: string[] = [];
  const pop = d.poblacion.por_anio;
  const bud = d.presupuesto.por_anio;
  const comps = d.componentes ?? [];
  const gastoTotal: Record<number, V> = {};
  for (const y of ys) {
    const b = pop[y] ?? {};
    out.push(printP(pc(cnt(b.beneficiaria), cnt(b.objetivo)), 1));
    const p = bud[y] ?? {};
    const ej = amt(p.ejecutado, y);
    out.push(printP(pc(ej, amt(p.inicial, y)), 0), printP(pc(ej, amt(p.final, y)), 0), printN(ej, 0), printN(amt(p.extrapresupuestario ?? 'N/A', y), 0));
    const gastos = comps.map((c: any) => amt(c.por_anio?.[y]?.gasto, y));
    for (const c of comps) {
      const g = amt(c.por_anio?.[y]?.gasto, y);
      const q = cnt(c.por_anio?.[y]?.produccion);
      out.push(printN(g, 0), printN(q, 0), printN(div(g, q), 1));
    }
    const adm = amt(d.gasto_administrativo?.[y], y);
    gastoTotal[y] = add([...gastos, adm]);
    out.push(printN(adm, 0), printN(gastoTotal[y]!, 0), printP(pc(adm, gastoTotal[y]!), 1));
    out.push(printN(div(gastoTotal[y]!, cnt(b.beneficiaria)), 1));
  }
  const subs = Object.values(d.presupuesto.subtitulos ?? {}).map((v) => amt(v as V, t));
  for (const s of subs) out.push(printN(s, 0));
  if (subs.length) out.push(printN(add(subs), 0));
  const regs = (d.regiones ?? []).filter((r: any) => !(r.gasto === 0 && r.beneficiarios === 0));
  for (const r of regs) out.push(printN(amt(r.gasto, t), 0), printN(r.beneficiarios, 0));
  if (regs.length) out.push(printN(add(regs.map((r: any) => amt(r.gasto, t))), 0), printN(add(regs.map((r: any) => r.beneficiarios)), 0));
  for (const ind of d.indicadores) {
    for (const y of ys) {
      const v = ind.valores?.[y] ?? 'N/A';
      out.push(isNum(v) ? (ind.unidad === 'porcentaje' ? printP(v, 1) : printN(v, 1)) : v);
    }
  }
  for (const [, v] of Object.entries(d.ficha.moneda.inflactores ?? {})) out.push(new Intl.NumberFormat('es-CL', { maximumFractionDigits: 4 }).format(v as number));
  return out;
}
