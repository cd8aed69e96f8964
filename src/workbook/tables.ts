/**
 * The workbook format (docs/workbook.md): a year's inputs as tables, one sheet per block of the
 * input format, and back. Each program's data is flattened without loss:
 *
 * - the scalars outside lists and year maps are one row of «Programas»;
 * - a map keyed by years or codes (`por_anio`, `valores`, `subtitulos`, `inflactores`...) is a sheet
 *   with a row per key;
 * - a list (`componentes`, `regiones`, `hallazgos`...) is a sheet with a row per item;
 * - every row of a sheet starts with `programa.id` and `ficha.anio`, then the number of the list
 *   item it belongs to (`componentes` 1, 2...), then its own key or number.
 *
 * The parent row has a column for each such block, saying where it is (`→ Población`), `[]` for an
 * empty list, or nothing when the block is absent, so a file's blocks come back in their order.
 */

export type Scalar = string | number | boolean | null;

/** A sheet: its block's path in the input (list indices as []), and its columns. */
export interface TableShape {
  path: string;
  kind: 'programs' | 'map' | 'list';
  /** Columns after the keys: field paths relative to the row (`nombre`, `por_anio`). */
  fields: string[];
  /** Parent list paths whose item number each row carries (`componentes` for componentes[].por_anio). */
  parents: string[];
}

export interface FlatRow {
  /** The program (its index in the flattened list) the row belongs to. */
  program: number;
  /** Item numbers of the enclosing lists (1-based), in `parents` order. */
  parents: number[];
  /** The map key, or the item number (1-based), of this row; none for «Programas». */
  key?: string | number;
  cells: Map<string, Scalar>;
}

export interface Flattened {
  /** By table path, in first-seen order. */
  tables: Map<string, { shape: TableShape; rows: FlatRow[] }>;
}

/** The friendly Spanish names of the sheets of the format's blocks; other blocks use their path. */
export const SHEET_NAMES: Record<string, string> = {
  '': 'Programas',
  'ficha.omitir_avisos': 'Avisos omitidos',
  'ficha.moneda.inflactores': 'Inflactores',
  'poblacion.por_anio': 'Población',
  'presupuesto.por_anio': 'Presupuesto',
  'presupuesto.subtitulos': 'Subtítulos',
  componentes: 'Componentes',
  'componentes[].por_anio': 'Componentes por año',
  gasto_administrativo: 'Gasto administrativo',
  regiones: 'Regiones',
  indicadores: 'Indicadores',
  'indicadores[].valores': 'Indicadores por año',
  'analisis.focalizacion.hallazgos': 'Hallazgos focalización',
  'analisis.focalizacion.omitir': 'Omitir focalización',
  'analisis.eficiencia.hallazgos': 'Hallazgos eficiencia',
  'analisis.eficiencia.omitir': 'Omitir eficiencia',
  'analisis.eficacia.hallazgos': 'Hallazgos eficacia',
  'analisis.eficacia.omitir': 'Omitir eficacia',
  'otros_atributos.ods': 'ODS',
  'otros_atributos.complementariedades': 'Complementariedades',
  recomendaciones: 'Recomendaciones',
  observaciones_institucion: 'Observaciones',
};

/** A sheet's name for a table path (at most 31 characters, none of Excel's forbidden ones). */
export function sheetName(path: string): string {
  return SHEET_NAMES[path] ?? path.replace(/[[\]:*?/\\]/g, '').slice(0, 31);
}

/** The table path of a sheet name, or undefined for a sheet that holds none (Léame, Listas). */
export function tablePath(name: string, known: Iterable<string>): string | undefined {
  for (const [path, n] of Object.entries(SHEET_NAMES)) if (n === name) return path;
  for (const path of known) if (sheetName(path) === name) return path;
  return undefined;
}

const SINGULAR: Record<string, string> = { componentes: 'componente', indicadores: 'indicador', regiones: 'región', recomendaciones: 'recomendación' };

/** The name of the column of a parent list's item number: «componentes» -> «n° componente». */
export const parentColumn = (path: string) => {
  const last = path.replace(/\[\]/g, '').split('.').pop()!;
  return `n° ${SINGULAR[last] ?? last.replace(/s$/, '')}`;
};

/** What a container cell says: where its rows are. */
export const reference = (path: string) => `→ ${sheetName(path)}`;
export const EMPTY_LIST = '[]';
export const EMPTY_MAP = '{}';

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
/** A map keyed by years or codes: every key an integer. */
const isKeyedMap = (v: Record<string, unknown>) => Object.keys(v).length > 0 && Object.keys(v).every((k) => /^-?\d+$/.test(k));
const isScalar = (v: unknown): v is Scalar => v === null || ['string', 'number', 'boolean'].includes(typeof v);

/** Flattens programs' data (as parsed from their YAML) into tables. */
export function flatten(programs: Record<string, unknown>[]): Flattened {
  const tables: Flattened['tables'] = new Map();
  const table = (path: string, kind: TableShape['kind'], parents: string[]) => {
    let t = tables.get(path);
    if (!t) tables.set(path, (t = { shape: { path, kind, fields: [], parents }, rows: [] }));
    return t;
  };
  // A field new to the table goes right after the row's previous field, so that each program's
  // keys keep their order in the columns (programs with optional keys interleave them).
  const set = (t: { shape: TableShape }, row: FlatRow, field: string, value: Scalar) => {
    const fields = t.shape.fields;
    if (!fields.includes(field)) {
      const before = [...row.cells.keys()].pop();
      fields.splice(before === undefined ? 0 : fields.indexOf(before) + 1, 0, field);
    }
    row.cells.set(field, value);
  };

  /** Puts `value` (at `rel` below the row's own path `base`) into `row` of table `t`. */
  const walk = (t: { shape: TableShape; rows: FlatRow[] }, row: FlatRow, base: string, rel: string, value: unknown, parents: string[], parentNumbers: number[]): void => {
    const full = base ? (rel ? `${base}.${rel}` : base) : rel;
    if (isScalar(value)) return set(t, row, rel, value);
    if (Array.isArray(value)) {
      if (value.length === 0) return set(t, row, rel, EMPTY_LIST);
      set(t, row, rel, reference(full));
      const child = table(full, 'list', parents);
      value.forEach((item, i) => {
        const r: FlatRow = { program: row.program, parents: parentNumbers, key: i + 1, cells: new Map() };
        child.rows.push(r);
        if (isPlainObject(item)) {
          for (const [k, v] of Object.entries(item)) walk(child, r, `${full}[]`, k, v, [...parents, full], [...parentNumbers, i + 1]);
        } else if (isScalar(item)) set(child, r, 'valor', item);
        else throw new Error(`${full}: una lista de listas no cabe en el libro`);
      });
      return;
    }
    if (isPlainObject(value)) {
      if (Object.keys(value).length === 0) return set(t, row, rel, EMPTY_MAP);
      if (isKeyedMap(value)) {
        set(t, row, rel, reference(full));
        const child = table(full, 'map', parents);
        for (const [k, v] of Object.entries(value)) {
          const r: FlatRow = { program: row.program, parents: parentNumbers, key: Number(k), cells: new Map() };
          child.rows.push(r);
          // A block inside a map entry is a sheet named by the map's path and its field (no key).
          if (isPlainObject(v) && !isKeyedMap(v)) for (const [f, x] of Object.entries(v)) walk(child, r, full, f, x, parents, parentNumbers);
          else walk(child, r, full, 'valor', v, parents, parentNumbers);
        }
        return;
      }
      for (const [k, v] of Object.entries(value)) walk(t, row, base, rel ? `${rel}.${k}` : k, v, parents, parentNumbers);
      return;
    }
    throw new Error(`${full}: un valor que el libro no sabe guardar`);
  };

  const programsTable = table('', 'programs', []);
  for (const [program, p] of programs.entries()) {
    const row: FlatRow = { program, parents: [], cells: new Map() };
    programsTable.rows.push(row);
    walk(programsTable, row, '', '', p, [], []);
  }
  return { tables };
}

/** Sets `value` at a dotted path inside `target`, creating objects on the way, in call order. */
export function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let o = target;
  for (const k of keys.slice(0, -1)) {
    if (!isPlainObject(o[k])) o[k] = {};
    o = o[k] as Record<string, unknown>;
  }
  o[keys[keys.length - 1]!] = value;
}
