import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { currentOf, type StaleFicha } from '../batch/current.js';
import { MANIFEST_JSON } from '../batch/manifest.js';
import type { DimensionId } from '../metrics/rules.js';
import { isMarker, type Value } from '../metrics/value.js';
import { stagedOfPdf } from '../batch/pdfInput.js';

/** The three dimensions of section II, in the ficha's order, with their titles in the summary. */
export const DIMENSIONS: readonly { id: DimensionId; titulo: string; corto: string }[] = [
  { id: 'focalizacion', titulo: 'Focalización y Cobertura', corto: 'Focalización' },
  { id: 'eficiencia', titulo: 'Eficiencia y ejecución presupuestaria', corto: 'Eficiencia' },
  { id: 'eficacia', titulo: 'Eficacia', corto: 'Eficacia' },
];
export type { DimensionId };

/** One ficha as the summary sees it: who, year t's headline figures, and each dimension's verdict. */
export interface SummaryProgram {
  programaId: string;
  anio: number;
  programa: string;
  servicio: string;
  ministerio: string;
  metodologia: string;
  /** The PDF's file name in the folder. */
  pdf: string;
  /** Year t, unrounded; null for S/I or N/A. */
  cobertura: number | null;
  ejecucionInicial: number | null;
  ejecucionFinal: number | null;
  /** Thousands of pesos of `monedaAnio`. */
  gastoTotal: number | null;
  monedaAnio: number;
  /** Variation of spending per beneficiary, t against t-1, in percent. */
  variacionGpb: number | null;
  /** The rule set's execution bands (85–110% initial, 90–110% final in both of DIPRES's). */
  bandas: { inicial?: [number, number]; final?: [number, number] };
  /** Findings per dimension (HALLAZGOS of section II): 0 is «sin hallazgos». */
  hallazgos: Record<DimensionId, number>;
}

export interface Collected {
  programs: SummaryProgram[];
  /** PDFs left out, with why: not current, or not readable as a ficha. */
  left: StaleFicha[];
}

const num = (v: Value | undefined): number | null => (v === undefined || isMarker(v) ? null : v);

/**
 * The current fichas of an output folder (its manifest's `generada` and `sin cambios` rows whose
 * PDF has the bytes recorded), each read from the YAML it carries: the summary needs nothing but
 * the folder.
 */
export async function collectFolder(folder: string): Promise<Collected> {
  const manifest = join(folder, MANIFEST_JSON);
  if (!existsSync(manifest)) throw new Error(`${folder} no tiene ${MANIFEST_JSON}: ¿es la carpeta de salida de un ficha render?`);
  const { files, stale } = currentOf(folder, manifest);
  const programs: SummaryProgram[] = [];
  const left = [...stale];
  for (const path of files) {
    const program = await readProgram(path);
    if (typeof program === 'string') left.push({ path, reason: program });
    else programs.push(program);
  }
  return { programs: sortPrograms(programs), left };
}

/** By ministry, service and program name, in Spanish order; then year. */
export function sortPrograms(programs: SummaryProgram[]): SummaryProgram[] {
  const es = (a: string, b: string) => a.localeCompare(b, 'es');
  return [...programs].sort((a, b) => es(a.ministerio, b.ministerio) || es(a.servicio, b.servicio) || es(a.programa, b.programa) || a.anio - b.anio);
}

async function readProgram(path: string): Promise<SummaryProgram | string> {
  const read = await stagedOfPdf(readFileSync(path));
  if (read === 'sin-adjunto') return 'no trae el YAML de entrada adjunto';
  const { staged } = read;
  if (!staged.input || !staged.ficha || !staged.view) return 'el YAML adjunto no es válido con esta versión de ficha';
  const { input, ficha, view } = staged;
  const f = ficha.figures;
  const t = f.anio;
  const band = (figura: string): [number, number] | undefined => {
    const rule = ficha.ruleSet.reglas.find((r) => r.tipo === 'bandas' && r.figura === figura) as { inferior: number; superior: number } | undefined;
    return rule && [rule.inferior, rule.superior];
  };
  const bandas: SummaryProgram['bandas'] = {};
  const [bi, bf] = [band('ejecucion_inicial'), band('ejecucion_final')];
  if (bi) bandas.inicial = bi;
  if (bf) bandas.final = bf;
  // The view's dimensions follow the metrics' (present/view.ts maps them in order).
  const hallazgos = Object.fromEntries(DIMENSIONS.map((d) => [d.id, view.dimensiones[ficha.dimensiones.findIndex((x) => x.id === d.id)]?.hallazgos.length ?? 0])) as Record<DimensionId, number>;
  return {
    programaId: input.programa.id,
    anio: t,
    programa: input.programa.nombre,
    servicio: input.programa.servicio,
    ministerio: input.programa.ministerio,
    metodologia: input.ficha.metodologia,
    pdf: basename(path),
    cobertura: num(f.cobertura[t]),
    ejecucionInicial: num(f.ejecucion_inicial[t]),
    ejecucionFinal: num(f.ejecucion_final[t]),
    gastoTotal: num(f.gasto_total[t]),
    monedaAnio: input.ficha.moneda.anio_base,
    variacionGpb: num(f.gasto_por_beneficiario_variacion_anual),
    bandas,
    hallazgos,
  };
}
