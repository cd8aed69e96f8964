import { inputYaml } from '../output/yamlText.js';
import { REGIONS } from '../catalogs/catalogs.js';
import textos from './textos.json' with { type: 'json' };

/**
 * Valid, varied, realistic inputs for benchmarks and tests: both rule sets, real and nominal
 * amounts, 0-6 components, 1-3 indicators, 0-16 regions plus Nivel central, markers, texts of real
 * programs. The figures agree with each other (no consistency warning) unless `warnings` asks for
 * one. The same seed gives the same files.
 */
export interface SampleOptions {
  seed: number;
  /** Adds one deliberate inconsistency to every third input. */
  warnings?: boolean;
}

export interface SampleFile {
  name: string;
  text: string;
}

interface Texto {
  nombre: string;
  ministerio: string;
  servicio: string;
  descripcion: string;
  proposito: string;
  poblacion_objetivo: string;
  complementariedades: string;
}
const TEXTOS = textos as Texto[];

/** mulberry32: small, fast and the same on every platform. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const slug = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60)
    .replace(/-$/, '');

/** Splits an integer total into `n` non-negative integer parts that add up to it exactly. */
function split(total: number, n: number, r: () => number): number[] {
  if (n === 0) return [];
  const weights = Array.from({ length: n }, () => 0.2 + r());
  const sum = weights.reduce((a, b) => a + b, 0);
  const parts = weights.map((w) => Math.floor((total * w) / sum));
  parts[n - 1]! += total - parts.reduce((a, b) => a + b, 0);
  return parts;
}

export function sampleInputs(count: number, opts: SampleOptions): SampleFile[] {
  return Array.from({ length: count }, (_, i) => sampleInput(i, opts));
}

export function sampleInput(i: number, opts: SampleOptions): SampleFile {
  const r = prng(opts.seed * 1_000_003 + i);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const int = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
  const src = TEXTOS[(i + opts.seed) % TEXTOS.length]!;
  const t = int(2022, 2025);
  const years = [t - 2, t - 1, t];
  const metodologia = pick(['dipres-2022', 'dipres-2025'] as const);
  const nominales = r() < 0.3;
  const scale = pick([1_000, 50_000, 2_000_000]);
  // A program that started in t-1 reports N/A for t-2.
  const nuevo = r() < 0.15;
  const has = (y: number) => !(nuevo && y === t - 2);
  const nComp = int(0, 6);
  // Each program keeps its size from year to year (±20%), as real ones do: the figures pass the
  // plausibility checks (no tenfold jump of gasto por beneficiario).
  const around = (base: number) => Math.max(1, Math.round(base * (0.8 + r() * 0.4)));
  const comps = Array.from({ length: nComp }, (_, k) => {
    const gasto = int(scale * 0.2, scale);
    const produccion = int(10, 5000);
    return {
      nombre: `${pick(['Transferencias monetarias', 'Asistencia técnica', 'Capacitación en oficios', 'Apoyo psicosocial a familias', 'Proyectos comunitarios de infraestructura', 'Becas'])} ${k + 1}`,
      unidad: pick(['Personas', 'Proyectos', 'Organizaciones', 'Familias', 'Establecimientos']),
      gasto: years.map(() => around(gasto)),
      produccion: years.map(() => around(produccion)),
    };
  });
  const adm = years.map((_, k) => Math.max(1, Math.round((comps.reduce((s, c) => s + c.gasto[k]!, 0) || scale) * (0.03 + r() * 0.14))));
  const total = years.map((_, k) => comps.reduce((s, c) => s + c.gasto[k]!, 0) + adm[k]!);
  const objetivoBase = int(500, 90_000);
  const coberturaBase = 0.05 + r() * 0.75;
  const objetivo = years.map(() => around(objetivoBase));
  const beneficiaria = objetivo.map((o) => Math.min(o, around(o * coberturaBase)));
  const inflactores = Object.fromEntries(years.map((y, k) => [y, nominales ? Number((1 + (2 - k) * (0.03 + r() * 0.03)).toFixed(4)) : 1]));
  const marker = (y: number) => (has(y) ? undefined : 'N/A');
  const byYear = <T>(f: (y: number, k: number) => T) => Object.fromEntries(years.map((y, k) => [y, f(y, k)]));

  const tIdx = 2;
  const regionCount = nComp > 0 ? pick([0, 1, 3, 6, 10, 16]) : 0;
  const regions = [...REGIONS].sort(() => r() - 0.5).slice(0, regionCount);
  const central = regionCount > 0 && r() < 0.5;
  const compT = comps.reduce((s, c) => s + c.gasto[tIdx]!, 0);
  const slots = regions.length + (central ? 1 : 0);
  const gastoR = split(compT, slots, r);
  const benefR = split(beneficiaria[tIdx]!, slots, r);
  if (central) benefR[slots - 1] = 0, (benefR[0]! += beneficiaria[tIdx]! - benefR.reduce((a, b) => a + b, 0));

  const subtitulos = pick([['21', '22', '24'], ['21', '22', '33'], ['22', '24'], ['21', '22', '29', '31']] as const);
  const subMontos = split(total[tIdx]!, subtitulos.length, r);
  const nInd = int(1, 3);
  const indicadores = Array.from({ length: nInd }, (_, k) => {
    const porcentaje = r() < 0.7;
    const base = porcentaje ? 20 + r() * 70 : 5 + r() * 200;
    return {
      tipo: k === 0 ? 'proposito' : pick(['proposito', 'complementario'] as const),
      nombre: `${porcentaje ? 'Porcentaje de' : 'Número promedio de'} ${src.proposito.toLowerCase().slice(0, int(30, 110)).trim()}`,
      formula: porcentaje ? '(N° de beneficiarios que logran el resultado en el año t / N° de beneficiarios del año t)*100' : 'Suma de días entre postulación y entrega / N° de beneficios entregados en el año t',
      unidad: porcentaje ? 'porcentaje' : 'numero',
      lectura: pick(['ascendente', 'descendente'] as const),
      valores: byYear((y) => (!has(y) ? 'N/A' : r() < 0.08 ? 'S/I' : Number(Math.min(porcentaje ? 100 : 1e6, base * (0.85 + r() * 0.3)).toFixed(1)))),
    };
  });
  const long = r() < 0.3;
  const input = {
    formato: 1,
    ficha: { anio: t, metodologia, moneda: { anio_base: t, montos: nominales ? 'nominales' : 'reales', inflactores } },
    programa: {
      id: `${slug(src.nombre)}-${String(i + 1).padStart(4, '0')}`,
      nombre: src.nombre,
      servicio: src.servicio,
      ministerio: src.ministerio,
      anio_inicio: nuevo ? t - 1 : int(1990, t - 2),
      anio_termino: r() < 0.7 ? 'Permanente' : t + int(1, 10),
      descripcion: long ? `${src.descripcion}\n\n${src.poblacion_objetivo}` : src.descripcion,
      proposito: src.proposito,
      historial_evaluativo: { ex_ante: r() < 0.5, ex_post_dipres: false, otras: r() < 0.2 ? `Evaluación de Programas Gubernamentales ${t - 4}` : false },
    },
    poblacion: {
      descripcion: `${src.poblacion_objetivo}\n\nEn {{anio}} se benefició a {{num poblacion.beneficiaria.t 0}} personas, una cobertura de {{pct cobertura.t 1}}.`,
      por_anio: byYear((y, k) => (has(y) ? { objetivo: objetivo[k], beneficiaria: beneficiaria[k] } : { objetivo: 'N/A', beneficiaria: 'N/A' })),
    },
    presupuesto: {
      por_anio: byYear((y, k) =>
        has(y)
          ? {
              inicial: Math.round(total[k]! / (0.75 + r() * 0.5)),
              final: Math.round(total[k]! / (0.85 + r() * 0.25)),
              ejecutado: total[k],
              extrapresupuestario: r() < 0.7 ? 'N/A' : int(0, scale / 10),
            }
          : { inicial: 'N/A', final: 'N/A', ejecutado: 'N/A', extrapresupuestario: 'N/A' },
      ),
      subtitulos: Object.fromEntries(subtitulos.map((s, k) => [s, subMontos[k]])),
    },
    componentes: comps.map((c) => ({
      nombre: c.nombre,
      unidad: c.unidad,
      por_anio: byYear((y, k) => (has(y) ? { gasto: c.gasto[k], produccion: c.produccion[k] } : { gasto: 'N/A', produccion: 'N/A' })),
    })),
    gasto_administrativo: byYear((y, k) => marker(y) ?? adm[k]),
    regiones: [...regions.map((g, k) => ({ region: r() < 0.5 ? g.code : g.name, gasto: gastoR[k], beneficiarios: benefR[k] })), ...(central ? [{ region: 'Nivel central', gasto: gastoR[slots - 1], beneficiarios: 0 }] : [])],
    indicadores,
    analisis: {
      focalizacion: {
        criterios: pick(['sin_deficiencias', 'sin_deficiencias', 'con_deficiencias', 'universal', 'no_subconjunto']),
        ...(metodologia === 'dipres-2025' ? { priorizacion: pick(['sin_deficiencias', 'sin_deficiencias', 'con_deficiencias', 'no_subconjunto']) } : {}),
        hallazgos: r() < 0.3 ? ['El programa presentó una cobertura de {{pct cobertura.t 1}} en el año {{anio}}.'] : [],
      },
      eficiencia: {
        gasto_administrativo: pick(['sin_falencias', 'sin_falencias', 'con_falencias']),
        ...(metodologia === 'dipres-2025' && r() < 0.5 ? { justificacion_gasto_por_beneficiario: pick(['pertinente', 'sin_justificacion', 'no_pertinente']) } : {}),
        hallazgos: [],
      },
      eficacia: { pertinencia_indicador: pick(['pertinente', 'pertinente', 'no_pertinente']), calidad_indicador: pick(['sin_deficiencias', 'con_deficiencias']), hallazgos: [] },
    },
    otros_atributos: { ods: [...new Set([int(1, 17), int(1, 17)])].sort((a, b) => a - b), enfoque_genero: r() < 0.4, complementariedades: r() < 0.6 ? [src.complementariedades] : [] },
    contingencia_sanitaria: { fet: false, modificaciones: false },
    recomendaciones: r() < 0.6 ? [{ tema: pick(['Diseño', 'Focalización', 'Indicadores']), texto: 'Revisar la coherencia entre la población objetivo, los criterios de focalización y los indicadores de propósito.' }] : [],
    observaciones_institucion: r() < 0.5 ? [{ titulo: 'Observaciones Generales', texto: long ? `${src.descripcion}\n\n${src.proposito}` : src.proposito }] : [],
  };
  // With nominal amounts every amount of a year is multiplied by the same inflactor, so the sums
  // still agree; the percentages of the indicators stay within 0..100.
  if (opts.warnings && i % 3 === 0) (input.presupuesto.subtitulos as Record<string, number>)[subtitulos[0]] = subMontos[0]! + scale;
  const text = inputYaml(input, ` Ficha de muestra ${i + 1} (ficha sample --seed ${opts.seed}): datos inventados, textos de programas reales.`);
  return { name: `${input.programa.id}-${t}.yaml`, text };
}
