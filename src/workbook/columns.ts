import { parentColumn, type TableShape } from './tables.js';

/** «Programas»' column for the comment a file starts with (kept, so a file comes back as it was). */
export const COMMENT_COLUMN = 'comentario del archivo';
export const ID_COLUMN = 'programa.id';
export const YEAR_COLUMN = 'ficha.anio';

/** What a row of a block's sheet is keyed by: the item's number in a list, the year or code in a map. */
export function rowKeyColumn(shape: TableShape): string {
  if (shape.kind === 'list') return 'n°';
  return /subtitulos$/.test(shape.path) ? 'subtítulo' : 'año';
}

/** The columns a block's rows start with: whose program, which parent items, which key. */
export function keyColumns(shape: TableShape): string[] {
  if (shape.kind === 'programs') return [];
  return [ID_COLUMN, YEAR_COLUMN, ...shape.parents.map(parentColumn), rowKeyColumn(shape)];
}
