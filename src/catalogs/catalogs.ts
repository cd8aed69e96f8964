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
    .replace(/^region\s+(de\s+la\s+|de\s+|del\s+)?/, '')
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

/** Words that name one region only, for forms the catalog does not list ("Región del Maule"). */
const KEYWORDS: [RegExp, string][] = [
  [/\barica\b/, 'CL-AP'],
  [/\btarapaca\b/, 'CL-TA'],
  [/\bantofagasta\b/, 'CL-AN'],
  [/\batacama\b/, 'CL-AT'],
  [/\bcoquimbo\b/, 'CL-CO'],
  [/\bvalparaiso\b/, 'CL-VS'],
  [/\bmetropolitana\b/, 'CL-RM'],
  [/\bohiggins\b/, 'CL-LI'],
  [/\bmaule\b/, 'CL-ML'],
  [/\bnuble\b/, 'CL-NB'],
  [/\bbio ?bio\b/, 'CL-BI'],
  [/\baraucania\b/, 'CL-AR'],
  [/\blos rios\b/, 'CL-LR'],
  [/\blos lagos\b/, 'CL-LL'],
  [/\ba[iy]sen\b/, 'CL-AI'],
  [/\bmagallanes\b/, 'CL-MA'],
  [/\bnivel central\b/, 'NC'],
];

/** Resolves an official name, ISO 3166-2:CL code, usual short form or `Nivel central`. */
export function findRegion(name: string): Region | undefined {
  const key = normalizeName(name);
  const exact = regionIndex.get(key);
  if (exact) return exact;
  const hits = new Set(KEYWORDS.filter(([re]) => re.test(key)).map(([, code]) => code));
  if (hits.size !== 1) return undefined;
  const code = [...hits][0]!;
  return code === 'NC' ? NIVEL_CENTRAL : REGIONS.find((r) => r.code === code);
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
