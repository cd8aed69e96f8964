import { parse } from 'csv-parse/sync';
import addressparser from 'nodemailer/lib/addressparser';

/** Who gets the fichas of one program: several addresses each, separated by `;` in the CSV. */
export interface Recipients {
  programaId: string;
  to: string[];
  cc: string[];
  /** 1-based line of the CSV where the row is. */
  line: number;
}

export interface RecipientProblem {
  line: number;
  message: string;
}

/** One address, as mail servers accept it: local@domain.tld, no spaces or brackets. */
const ADDRESS = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

/**
 * The recipients CSV an analyst keeps per year: columns `programa.id,to,cc`, each cell a list of
 * mailboxes separated by `;`. Every mailbox is checked (`parseMailbox`); each problem names the
 * CSV's line and column, and a program with a bad row, or with more than one row, gets no entry:
 * it is not mailed at all rather than mailed to a guess.
 */
export function parseRecipients(text: string): { byProgram: Map<string, Recipients>; problems: RecipientProblem[] } {
  const problems: RecipientProblem[] = [];
  const byProgram = new Map<string, Recipients>();
  let records: { record: Record<string, string>; raw: string; info: { lines: number } }[];
  try {
    records = parse(text.replace(/^\uFEFF/, ''), { columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()), skip_empty_lines: true, trim: true, info: true, raw: true, relax_column_count: true });
  } catch (err) {
    const line = (err as { lines?: number }).lines ?? 1;
    return { byProgram, problems: [{ line, message: `CSV mal formado: ${(err as Error).message.split('\n')[0]}` }] };
  }
  const header = text.replace(/^\uFEFF/, '').split(/\r?\n/)[0]!.split(',').map((c) => c.trim().toLowerCase());
  for (const col of ['programa.id', 'to']) if (!header.includes(col)) problems.push({ line: 1, message: `falta la columna «${col}» (se esperaba programa.id,to,cc)` });
  if (problems.length) return { byProgram, problems };
  const rowsOf = new Map<string, number[]>();
  const bad = new Set<string>();
  for (const { record, raw, info } of records) {
    // The line where the row starts: a quoted cell may hold line breaks.
    const line = info.lines - (raw.replace(/\r?\n$/, '').match(/\n/g)?.length ?? 0);
    const id = (record['programa.id'] ?? '').trim();
    if (!id) {
      problems.push({ line, message: 'fila sin programa.id' });
      continue;
    }
    rowsOf.set(id, [...(rowsOf.get(id) ?? []), line]);
    const to = mailboxes(record.to ?? '', 'to', line, problems);
    const cc = mailboxes(record.cc ?? '', 'cc', line, problems);
    if (to === undefined || cc === undefined) {
      bad.add(id);
      continue;
    }
    if (to.length === 0) {
      problems.push({ line, message: `${id}: la columna «to» está vacía` });
      bad.add(id);
      continue;
    }
    if (!byProgram.has(id)) byProgram.set(id, { programaId: id, to, cc, line });
  }
  for (const [id, lines] of rowsOf) {
    if (lines.length > 1) {
      for (const line of lines) problems.push({ line, message: `programa.id «${id}» repetido (líneas ${lines.join(', ')}): no se envía a ninguna de sus filas` });
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

function mailboxes(cell: string, column: string, line: number, problems: RecipientProblem[]): string[] | undefined {
  const out: string[] = [];
  for (const part of splitCell(cell)) {
    const m = parseMailbox(part);
    if (typeof m === 'string') {
      problems.push({ line, message: `columna «${column}»: «${printable(part)}» ${m}` });
      return undefined;
    }
    out.push(m.address);
  }
  return out;
}

/** A cell as it can be shown on one line: control characters as \n, \r or \uXXXX. */
const printable = (s: string) => s.replace(/[\u0000-\u001f\u007f]/g, (c) => (c === '\n' ? '\\n' : c === '\r' ? '\\r' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
