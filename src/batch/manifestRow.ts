/** What became of an input; `resumen` is the row of the year's summary (ficha summary), not a ficha's. */
export type Estado = 'generada' | 'sin cambios' | 'con errores' | 'falla interna' | 'resumen';

/** One ficha of an output folder: where it came from, what became of it, its headline figures. */
export interface ManifestRow {
  entrada: string;
  programa_id: string;
  anio: number | null;
  programa: string;
  servicio: string;
  ministerio: string;
  metodologia: string;
  estado: Estado;
  /** The PDF's file name in the folder; empty when none was written. */
  pdf: string;
  paginas: number | null;
  bytes: number | null;
  sha256: string;
  ms: number;
  advertencias: number;
  errores: number;
  /** The input's content key: same key, same PDF (see contentKey.ts). */
  clave: string;
  /** The ficha's date (YYYY-MM-DD), as in its PDF; empty without a PDF. */
  fecha: string;
  /** Year t's figures as printed in the ficha: percentages (49,9% is 49.9); null for S/I, N/A or no PDF. */
  cobertura: number | null;
  ejecucion_inicial: number | null;
  ejecucion_final: number | null;
  /** Thousands of pesos (M$) of the year `moneda_anio`. */
  gasto_total: number | null;
  gasto_por_beneficiario: number | null;
  moneda_anio: number | null;
}

/** Format 2: figures as numbers (format 1 had them as printed text, «49,9%»). */
export interface Manifest {
  formato: 2;
  filas: ManifestRow[];
}
