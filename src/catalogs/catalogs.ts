import regionsData from './regiones.json' with { type: 'json' };
import subtitulosData from './subtitulos.json' with { type: 'json' };
import odsData from './ods.json' with { type: 'json' };

export interface Region {
  code: string;
  name: string;
  /** For chart labels: "Aysén" for "Aysén del General Carlos Ibáñez del Campo". */
  short: string;
  /** 0-based position north to south; `Nivel central` sorts last. */
  order: number;
}

export const NIVEL_CENTRAL: Region = { code: 'NC', name: 'Nivel central', short: 'Nivel central', order: regionsData.length };

/** Regions of Chile, north to south. */
export const REGIONS: readonly Region[] = regionsData.map((r, order) => ({ code: r.code, name: r.name, short: (r as { short?: string }).short ?? r.name, order }));

/** Case, accents, apostrophes and punctuation do not matter when matching a region's name. */
export function normalizeName(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/^region\s+(de\s+|del\s+)?/, '')
    .replace(/['’´`‘]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

const regionIndex = new Map<string, Region>();
for (const [i, r] of regionsData.entries()) {
  const region = REGIONS[i]!;
  for (const name of [r.code, r.name, ...r.aliases]) regionIndex.set(normalizeName(name), region);
}
regionIndex.set(normalizeName(NIVEL_CENTRAL.name), NIVEL_CENTRAL);

/** Resolves an official name, ISO 3166-2:CL code, usual short form or `Nivel central`. */
export function findRegion(name: string): Region | undefined {
  return regionIndex.get(normalizeName(name));
}

export const REGION_NAMES: readonly string[] = [...REGIONS.map((r) => r.name), NIVEL_CENTRAL.name];

export const SUBTITULOS: Readonly<Record<string, string>> = subtitulosData;

export interface Ods {
  numero: number;
  titulo: string;
  texto: string;
}

export function findOds(n: number): Ods | undefined {
  const entry = (odsData as Record<string, { titulo: string; texto: string }>)[String(n)];
  return entry && { numero: n, ...entry };
}
