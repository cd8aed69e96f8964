import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { formatPath } from '../diagnostics/diagnostic.js';
import type { PathSegment, Position } from '../load/locate.js';
import { findRegion, REGION_NAMES, SUBTITULOS } from '../catalogs/catalogs.js';
import { closest } from './describe.js';
import { findRuleSet, ruleSetIds } from '../metrics/rulesets.js';
import type { ProgramInput } from './schema.js';

type Locate = (path: PathSegment[], at?: 'key' | 'value') => Position;
type Finding = Omit<Diagnostic, 'file'>;

/** Rules that need more than one key at once: years of year maps, catalog names, rule ids. */
export function crossChecks(input: ProgramInput, locate: Locate): Finding[] {
  const out: Finding[] = [];
  const error = (code: string, path: PathSegment[], message: string, at: 'key' | 'value' = 'value') => {
    const pos = locate(path, at);
    const severity = 'error' as const;
    out.push({ code, severity, message, line: pos.line, column: pos.column, path: formatPath(path) });
  };
  const t = input.ficha.anio;

  const yearMaps: [PathSegment[], Record<string, unknown>][] = [
    [['ficha', 'moneda', 'inflactores'], input.ficha.moneda.inflactores],
    [['poblacion', 'por_anio'], input.poblacion.por_anio],
    [['presupuesto', 'por_anio'], input.presupuesto.por_anio],
    [['gasto_administrativo'], input.gasto_administrativo],
    ...input.componentes.map((c, i): [PathSegment[], Record<string, unknown>] => [['componentes', i, 'por_anio'], c.por_anio]),
    ...input.indicadores.map((c, i): [PathSegment[], Record<string, unknown>] => [['indicadores', i, 'valores'], c.valores]),
  ];
  for (const [path, map] of yearMaps) {
    for (const key of Object.keys(map)) {
      if (!/^\d{4}$/.test(key)) error('invalid-year', [...path, key], `se esperaba un año como clave; se encontró «${key}»`, 'key');
      else if (+key < t - 2 || +key > t) {
        error('year-out-of-range', [...path, key], `el año ${key} está fuera del periodo de la ficha: se esperaba un año entre ${t - 2} y ${t}`, 'key');
      }
    }
  }

  const seen = new Map<string, number>();
  input.regiones.forEach((r, i) => {
    const region = findRegion(r.region);
    if (!region) {
      const suggestion = closest(r.region, REGION_NAMES);
      error(
        'unknown-region',
        ['regiones', i, 'region'],
        `región desconocida «${r.region}»: se esperaba el nombre oficial, el código ISO 3166-2:CL (CL-AP … CL-MA) o Nivel central` +
          (suggestion ? `; ¿quiso decir «${suggestion}»?` : ''),
      );
    } else if (seen.has(region.code)) {
      error('duplicate-region', ['regiones', i, 'region'], `la región ${region.name} aparece dos veces (ya está en regiones[${seen.get(region.code)}])`);
    } else seen.set(region.code, i);
  });

  for (const key of Object.keys(input.presupuesto.subtitulos)) {
    if (!(key in SUBTITULOS)) {
      error('unknown-subtitulo', ['presupuesto', 'subtitulos', key], `subtítulo desconocido «${key}»: se esperaba uno de ${Object.keys(SUBTITULOS).join(', ')}`, 'key');
    }
  }

  if (!input.indicadores.some((i) => i.tipo === 'proposito')) {
    error('no-proposito-indicator', ['indicadores'], 'se esperaba al menos un indicador con tipo: proposito');
  }

  const ruleSet = findRuleSet(input.ficha.metodologia);
  if (!ruleSet) {
    error('unknown-ruleset', ['ficha', 'metodologia'], `metodología desconocida «${input.ficha.metodologia}»: se esperaba una de ${ruleSetIds().join(', ')}`);
  } else {
    const ids = ruleSet.reglas.map((r) => r.id);
    for (const dim of ['focalizacion', 'eficiencia', 'eficacia'] as const) {
      input.analisis[dim].omitir.forEach((id, i) => {
        if (!ids.includes(id)) {
          const suggestion = closest(id, ids);
          error('unknown-rule', ['analisis', dim, 'omitir', i], `regla desconocida «${id}» en ${ruleSet.id}` + (suggestion ? `; ¿quiso decir «${suggestion}»?` : `; reglas: ${ids.join(', ')}`));
        }
      });
    }
  }

  if (input.ficha.moneda.montos === 'nominales') {
    for (let y = t - 2; y <= t; y++) {
      if (input.ficha.moneda.inflactores[String(y)] === undefined) {
        error('missing-inflactor', ['ficha', 'moneda', 'inflactores'], `con montos: nominales se necesita el inflactor de ${y}`);
      }
    }
  }
  return out;
}
