import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { formatPath } from '../diagnostics/diagnostic.js';
import type { PathSegment, Position } from '../load/locate.js';
import { findRegion, REGION_NAMES, SUBTITULOS } from '../catalogs/catalogs.js';
import { closest } from './describe.js';
import { CODES } from '../diagnostics/codes.js';
import { findRuleSet, ruleSetIds } from '../rulesets/rulesets.js';

type Locate = (path: PathSegment[], at?: 'key' | 'value') => Position;
type Finding = Omit<Diagnostic, 'file'>;

// The checks read the data defensively: they also run on a file the schema rejected, so that a
// file's problems are all reported at once.
type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const at = (v: unknown, ...path: string[]): unknown => path.reduce<unknown>((cur, k) => obj(cur)[k], v);

/** Rules that need more than one key at once: years of year maps, catalog names, rule ids. */
export function crossChecks(data: unknown, locate: Locate, raw: unknown = data): Finding[] {
  const out: Finding[] = [];
  const error = (code: string, path: PathSegment[], message: string, where: 'key' | 'value' = 'value') => {
    const pos = locate(path, where);
    out.push({ code, severity: 'error', message, line: pos.line, column: pos.column, path: formatPath(path) });
  };
  checkYears(data, error);
  checkRegions(data, error);
  checkSubtitulos(raw, error);
  checkIndicators(data, error);
  checkRuleSet(data, error);
  checkInflactores(data, error);
  checkSilencedWarnings(data, error);
  return out;
}

type Report = (code: string, path: PathSegment[], message: string, where?: 'key' | 'value') => void;

function checkYears(data: unknown, error: Report): void {
  const t = at(data, 'ficha', 'anio');
  if (typeof t !== 'number') return;
  const yearMaps: [PathSegment[], unknown][] = [
    [['ficha', 'moneda', 'inflactores'], at(data, 'ficha', 'moneda', 'inflactores')],
    [['poblacion', 'por_anio'], at(data, 'poblacion', 'por_anio')],
    [['presupuesto', 'por_anio'], at(data, 'presupuesto', 'por_anio')],
    [['gasto_administrativo'], at(data, 'gasto_administrativo')],
    ...arr(at(data, 'componentes')).map((c, i): [PathSegment[], unknown] => [['componentes', i, 'por_anio'], at(c, 'por_anio')]),
    ...arr(at(data, 'indicadores')).map((c, i): [PathSegment[], unknown] => [['indicadores', i, 'valores'], at(c, 'valores')]),
  ];
  for (const [path, map] of yearMaps) {
    for (const key of Object.keys(obj(map))) {
      if (!/^\d{4}$/.test(key)) error('invalid-year', [...path, key], `se esperaba un año como clave; se encontró «${key}»`, 'key');
      else if (+key < t - 2 || +key > t) {
        error('year-out-of-range', [...path, key], `el año ${key} está fuera del periodo de la ficha: se esperaba un año entre ${t - 2} y ${t}`, 'key');
      }
    }
  }
}

function checkRegions(data: unknown, error: Report): void {
  const seen = new Map<string, number>();
  arr(at(data, 'regiones')).forEach((r, i) => {
    const name = at(r, 'region');
    if (typeof name !== 'string') return;
    const region = findRegion(name);
    if (!region) {
      const suggestion = closest(name, REGION_NAMES);
      error(
        'unknown-region',
        ['regiones', i, 'region'],
        `región desconocida «${name}»: se esperaba el nombre oficial, el código ISO 3166-2:CL (CL-AP … CL-MA) o Nivel central` +
          (suggestion ? `; ¿quiso decir «${suggestion}»?` : ''),
      );
    } else if (seen.has(region.code)) {
      error('duplicate-region', ['regiones', i, 'region'], `la región ${region.name} aparece dos veces (ya está en regiones[${seen.get(region.code)}])`);
    } else seen.set(region.code, i);
  });
}

function checkSubtitulos(data: unknown, error: Report): void {
  for (const key of Object.keys(obj(at(data, 'presupuesto', 'subtitulos')))) {
    if (!Object.hasOwn(SUBTITULOS, key)) {
      const suggestion = closest(key, Object.keys(SUBTITULOS));
      error('unknown-subtitulo', ['presupuesto', 'subtitulos', key], `subtítulo desconocido «${key}»: se esperaba uno de ${Object.keys(SUBTITULOS).join(', ')}` + (suggestion ? `; ¿quiso decir «${suggestion}»?` : ''), 'key');
    }
  }
}

function checkIndicators(data: unknown, error: Report): void {
  const list = at(data, 'indicadores');
  if (Array.isArray(list) && !list.some((i) => at(i, 'tipo') === 'proposito')) {
    error('no-proposito-indicator', ['indicadores'], 'se esperaba al menos un indicador con tipo: proposito');
  }
}

function checkRuleSet(data: unknown, error: Report): void {
  const id = at(data, 'ficha', 'metodologia') ?? 'dipres-2022';
  if (typeof id !== 'string') return;
  const ruleSet = findRuleSet(id);
  if (!ruleSet) {
    const suggestion = closest(id, ruleSetIds());
    error('unknown-ruleset', ['ficha', 'metodologia'], `metodología desconocida «${id}»: se esperaba una de ${ruleSetIds().join(', ')}` + (suggestion ? `; ¿quiso decir «${suggestion}»?` : ''));
    return;
  }
  const ids = ruleSet.reglas.map((r) => r.id);
  for (const dim of ['focalizacion', 'eficiencia', 'eficacia']) {
    arr(at(data, 'analisis', dim, 'omitir')).forEach((rule, i) => {
      if (typeof rule === 'string' && !ids.includes(rule)) {
        const suggestion = closest(rule, ids);
        error('unknown-rule', ['analisis', dim, 'omitir', i], `regla desconocida «${rule}» en ${ruleSet.id}` + (suggestion ? `; ¿quiso decir «${suggestion}»?` : `; reglas: ${ids.join(', ')}`));
      }
    });
  }
}

function checkInflactores(data: unknown, error: Report): void {
  const t = at(data, 'ficha', 'anio');
  if (at(data, 'ficha', 'moneda', 'montos') !== 'nominales' || typeof t !== 'number') return;
  const inflactores = obj(at(data, 'ficha', 'moneda', 'inflactores'));
  for (let y = t - 2; y <= t; y++) {
    if (inflactores[String(y)] === undefined) error('missing-inflactor', ['ficha', 'moneda', 'inflactores'], `con montos: nominales se necesita el inflactor de ${y}`);
  }
}

/** `ficha.omitir_avisos` names warnings: an error's code, or a typo, would silence nothing. */
function checkSilencedWarnings(data: unknown, error: Report): void {
  const warnings = Object.entries(CODES)
    .filter(([, c]) => c.severity === 'warning')
    .map(([code]) => code);
  arr(at(data, 'ficha', 'omitir_avisos')).forEach((code, i) => {
    if (typeof code !== 'string' || warnings.includes(code)) return;
    const suggestion = closest(code, warnings);
    const why = CODES[code] ? `«${code}» es un error, no una advertencia: no se puede omitir` : `código de advertencia desconocido «${code}»`;
    error('unknown-warning-code', ['ficha', 'omitir_avisos', i], why + (suggestion && !CODES[code] ? `; ¿quiso decir «${suggestion}»?` : `; códigos: ${warnings.join(', ')}`));
  });
}
