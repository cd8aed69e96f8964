import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parse } from 'csv-parse/sync';
import addressparser from 'nodemailer/lib/addressparser';
import { columnLetter, excel } from '../output/excel.js';
import { closest } from '../validate/describe.js';

/** Who gets the fichas of one program: several mailboxes each, separated by `;` in a cell. */
export interface Recipients {
  programaId: string;
  to: string[];
  cc: string[];
  /** The display name written for an address («Jefatura de Estudios» <x@y.cl>), by address. */
  names: Record<string, string>;
  /** The recipient's institution, when the list has an `institucion` column. */
  institucion?: string;
  /** Where the row is, as problems name it (`archivo.csv:12`, `libro.xlsx:Hoja!A12`). */
  where: string;
}

export interface RecipientProblem {
  /** `archivo.csv:12` or `libro.xlsx:Hoja!C12`: the row, or the cell, at fault. */
  where: string;
  /** 1-based row (the CSV's line, the sheet's row). */
  line: number;
  message: string;
}

export interface ParsedRecipients {
  byProgram: Map<string, Recipients>;
  problems: RecipientProblem[];
  /** How the file was read («Windows-1252, separador «;»»), to say to the user. */
  readAs?: string;
}

/** One row of a recipients table, whatever file it came from. */
interface TableRow {
  line: number;
  cells: Record<string, string>;
  /** Where a cell of `column` is (the row alone without one). */
  where(column?: string): string;
}

/** One address, as mail servers accept it: local@domain.tld, no spaces or brackets. */
const ADDRESS = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

const REQUIRED = ['programa.id', 'to'];
const KNOWN = ['programa.id', 'to', 'cc', 'institucion', 'programa', 'servicio'];

/**
 * The recipients list an analyst keeps per year, as a CSV or an Excel workbook (`readRecipients`):
 * columns `programa.id`, `to` and `cc` (and optionally `institucion`), each address cell a list of
 * mailboxes separated by `;`. Every mailbox is checked (`parseMailbox`); each problem names its
 * row or cell, and a program with a bad row, or with more than one row, gets no entry: it is not
 * mailed at all rather than mailed to a guess.
 */
export async function readRecipients(path: string): Promise<ParsedRecipients> {
  const bytes = readFileSync(path);
  const file = basename(path);
  if (/\.xlsx$/i.test(path) || (bytes[0] === 0x50 && bytes[1] === 0x4b)) return recipientsFromWorkbook(bytes, file);
  const { text, encoding } = decodeText(bytes);
  const parsed = parseRecipients(text, file);
  return { ...parsed, readAs: `${encoding}, separador «${separatorOf(text)}»` };
}

/** UTF-8 when the bytes are valid UTF-8 (a byte order mark dropped); else Windows-1252, as Excel saves a CSV in Spanish. */
export function decodeText(bytes: Uint8Array): { text: string; encoding: 'UTF-8' | 'Windows-1252' } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, ''), encoding: 'UTF-8' };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'Windows-1252' };
  }
}

/** The header line's separator: `;` (Excel in Spanish) when it has more of them than `,` outside quotes. */
function separatorOf(text: string): ',' | ';' {
  const first = text.split(/\r?\n/, 1)[0]!.replace(/"[^"]*"/g, '');
  return (first.match(/;/g)?.length ?? 0) > (first.match(/,/g)?.length ?? 0) ? ';' : ',';
}

/** A recipients CSV's text (`,` or `;`, detected); `file` names it in problems. */
export function parseRecipients(text: string, file = 'destinatarios.csv'): ParsedRecipients {
  const body = text.replace(/^\uFEFF/, '');
  const delimiter = separatorOf(body);
  let records: { record: Record<string, string>; raw: string; info: { lines: number } }[];
  try {
    records = parse(body, { delimiter, columns: (h: string[]) => h.map(headerName), skip_empty_lines: true, trim: true, info: true, raw: true, relax_column_count: true });
  } catch (err) {
    const line = (err as { lines?: number }).lines ?? 1;
    return { byProgram: new Map(), problems: [{ where: `${file}:${line}`, line, message: `CSV mal formado: ${(err as Error).message.split('\n')[0]}` }] };
  }
  const headers = body.split(/\r?\n/, 1)[0]!.split(delimiter).map((c) => headerName(c.replace(/^"|"$/g, '')));
  const rows: TableRow[] = records.map(({ record, raw, info }) => {
    // The line where the row starts: a quoted cell may hold line breaks.
    const line = info.lines - (raw.replace(/\r?\n$/, '').match(/\n/g)?.length ?? 0);
    return { line, cells: record, where: () => `${file}:${line}` };
  });
  return recipientsOf(headers, rows, `${file}:1`);
}

/** A workbook's first sheet: the header in row 1, a row per program below. */
async function recipientsFromWorkbook(bytes: Buffer, file: string): Promise<ParsedRecipients> {
  const wb = new (excel().Workbook)();
  try {
    await wb.xlsx.load(bytes as never);
  } catch {
    return { byProgram: new Map(), problems: [{ where: file, line: 1, message: 'no es un libro de Excel (.xlsx) que se pueda leer' }] };
  }
  const ws = wb.worksheets[0];
  if (!ws) return { byProgram: new Map(), problems: [{ where: file, line: 1, message: 'el libro no tiene hojas' }] };
  const sheet = /^[A-Za-z0-9_]+$/.test(ws.name) ? ws.name : `'${ws.name.replace(/'/g, "''")}'`;
  const headers: string[] = [];
  ws.getRow(1).eachCell({ includeEmpty: true }, (cell, col) => (headers[col - 1] = headerName(cell.text ?? '')));
  const rows: TableRow[] = [];
  for (let r = 2; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const cells: Record<string, string> = {};
    headers.forEach((h, i) => h && (cells[h] = (row.getCell(i + 1).text ?? '').trim()));
    if (Object.values(cells).every((v) => v === '')) continue;
    const letter = (column?: string) => (column && headers.includes(column) ? columnLetter(headers.indexOf(column) + 1) : 'A');
    rows.push({ line: r, cells, where: (column) => `${file}:${sheet}!${letter(column)}${r}` });
  }
  return { ...recipientsOf(headers, rows, `${file}:${sheet}!A1`), readAs: `Excel, hoja «${ws.name}»` };
}

const headerName = (h: string) => h.trim().toLowerCase();

/** The column nearest to a missing one's (a typo, another spelling), among those the list does not use. */
function nearestHeader(missing: string, headers: string[]): string | undefined {
  const plain = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z0-9]/g, '');
  const others = headers.filter((h) => h && !KNOWN.includes(h));
  const near = closest(plain(missing), others.map(plain));
  return near === undefined ? undefined : others.find((h) => plain(h) === near);
}

function recipientsOf(headers: string[], rows: TableRow[], headerWhere: string): ParsedRecipients {
  const problems: RecipientProblem[] = [];
  const byProgram = new Map<string, Recipients>();
  for (const col of REQUIRED) {
    if (headers.includes(col)) continue;
    const near = nearestHeader(col, headers);
    problems.push({ where: headerWhere, line: 1, message: `falta la columna «${col}»${near ? `; ¿quiso decir «${near}»? (la columna se llama «${col}»)` : ''} (se esperaban las columnas programa.id, to y cc)` });
  }
  if (problems.length) return { byProgram, problems };
  const rowsOf = new Map<string, TableRow[]>();
  const bad = new Set<string>();
  for (const row of rows) {
    const id = (row.cells['programa.id'] ?? '').trim();
    if (!id) {
      problems.push({ where: row.where('programa.id'), line: row.line, message: 'fila sin programa.id' });
      continue;
    }
    rowsOf.set(id, [...(rowsOf.get(id) ?? []), row]);
    const names: Record<string, string> = {};
    const to = mailboxes(row, 'to', problems, names);
    const cc = mailboxes(row, 'cc', problems, names);
    if (to === undefined || cc === undefined) {
      bad.add(id);
      continue;
    }
    if (to.length === 0) {
      problems.push({ where: row.where('to'), line: row.line, message: `${id}: la columna «to» está vacía` });
      bad.add(id);
      continue;
    }
    const institucion = row.cells.institucion?.trim() || undefined;
    if (!byProgram.has(id)) byProgram.set(id, { programaId: id, to, cc, names, where: row.where(), ...(institucion ? { institucion } : {}) });
  }
  for (const [id, same] of rowsOf) {
    if (same.length > 1) {
      const lines = same.map((r) => r.line);
      for (const r of same) problems.push({ where: r.where('programa.id'), line: r.line, message: `programa.id «${id}» repetido (filas ${lines.join(', ')}): no se envía a ninguna de sus filas` });
      byProgram.delete(id);
    }
    if (bad.has(id)) byProgram.delete(id);
  }
  problems.sort((a, b) => a.line - b.line);
  return { byProgram, problems };
}

/** A mailbox as written: its address and, if given, the name shown for it. */
export interface Mailbox {
  address: string;
  name: string;
}

/**
 * Exactly one mailbox, `local@domain.tld` or `Name <local@domain.tld>`, or the reason it is not one:
 * nodemailer's parser is lenient (`a@x.cl e@evil.cl` is one address named «e@evil.cl»,
 * `a@x.cl Bcc: e@evil.cl` a group), so the text is first checked for what a single mailbox cannot
 * hold: a line break or other control character, a second `@` (a second address, or an address in
 * the name), and, outside quotes, a `:` (a header name or a group) or a `,` (a list).
 */
export function parseMailbox(text: string): Mailbox | string {
  const t = text.trim();
  if (/[\u0000-\u001f\u007f]/.test(t)) return 'contiene un salto de línea u otro carácter de control';
  const ats = t.split('@').length - 1;
  if (ats === 0) return 'no es una dirección de correo';
  if (ats > 1) return 'contiene más de una dirección (o una dirección en el nombre): varias direcciones se separan con «;»';
  let quoted = false;
  for (const c of t) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && c === ':') return 'contiene «:», como un encabezado (Bcc:) o un grupo: escriba sólo la dirección';
    else if (!quoted && c === ',') return 'contiene «,»: varias direcciones se separan con «;»';
  }
  if (quoted) return 'tiene comillas sin cerrar';
  if (t.includes('<') && !t.endsWith('>')) return 'tiene texto después de «<dirección>»';
  const parsed = addressparser(t) as { address?: string; name?: string; group?: unknown }[];
  const one = parsed.length === 1 ? parsed[0]! : undefined;
  if (!one || one.group || !ADDRESS.test(one.address ?? '')) return 'no es una dirección de correo válida';
  return { address: one.address!.toLowerCase(), name: one.name ?? '' };
}

/** `;` outside double quotes separates mailboxes (a quoted name may hold one). */
function splitCell(cell: string): string[] {
  const parts: string[] = [];
  let [current, quoted] = ['', false];
  for (const c of cell) {
    if (c === '"') quoted = !quoted;
    if (c === ';' && !quoted) {
      parts.push(current);
      current = '';
    } else current += c;
  }
  parts.push(current);
  return parts.map((p) => p.trim()).filter(Boolean);
}

function mailboxes(row: TableRow, column: string, problems: RecipientProblem[], names: Record<string, string>): string[] | undefined {
  const out: string[] = [];
  for (const part of splitCell(row.cells[column] ?? '')) {
    const m = parseMailbox(part);
    if (typeof m === 'string') {
      problems.push({ where: row.where(column), line: row.line, message: `columna «${column}»: «${printable(part)}» ${m}` });
      return undefined;
    }
    out.push(m.address);
    if (m.name) names[m.address] = m.name;
  }
  return out;
}

/** A cell as it can be shown on one line: control characters as \n, \r or \uXXXX. */
const printable = (s: string) => s.replace(/[\u0000-\u001f\u007f]/g, (c) => (c === '\n' ? '\\n' : c === '\r' ? '\\r' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
