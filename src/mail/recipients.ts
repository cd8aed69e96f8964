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
 * The recipients CSV an analyst keeps per year: columns `programa.id,to,cc`. Every address is
 * checked; each problem names the CSV's line, and a program with a bad row gets no entry.
 */
export function parseRecipients(text: string): { byProgram: Map<string, Recipients>; problems: RecipientProblem[] } {
  const problems: RecipientProblem[] = [];
  const byProgram = new Map<string, Recipients>();
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse(text.replace(/^\uFEFF/, ''), { columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()), skip_empty_lines: true, trim: true, info: true, relax_column_count: true });
  } catch (err) {
    const line = (err as { lines?: number }).lines ?? 1;
    return { byProgram, problems: [{ line, message: `CSV mal formado: ${(err as Error).message.split('\n')[0]}` }] };
  }
  const header = text.replace(/^\uFEFF/, '').split(/\r?\n/)[0]!.split(',').map((c) => c.trim().toLowerCase());
  for (const col of ['programa.id', 'to']) if (!header.includes(col)) problems.push({ line: 1, message: `falta la columna «${col}» (se esperaba programa.id,to,cc)` });
  if (problems.length) return { byProgram, problems };
  for (const { record, info } of records) {
    const line = info.lines;
    const id = (record['programa.id'] ?? '').trim();
    if (!id) {
      problems.push({ line, message: 'fila sin programa.id' });
      continue;
    }
    if (byProgram.has(id)) {
      problems.push({ line, message: `programa.id «${id}» repetido (ya está en la línea ${byProgram.get(id)!.line})` });
      continue;
    }
    const to = addresses(record.to ?? '', 'to', line, problems);
    const cc = addresses(record.cc ?? '', 'cc', line, problems);
    if (to === undefined || cc === undefined) continue;
    if (to.length === 0) {
      problems.push({ line, message: `${id}: la columna to está vacía` });
      continue;
    }
    byProgram.set(id, { programaId: id, to, cc, line });
  }
  return { byProgram, problems };
}

/** One address, bare or as `Name <local@domain>`, as mail servers accept it. */
export function isAddress(text: string): boolean {
  const parsed = addressparser(text, { flatten: true }) as { address?: string }[];
  return parsed.length === 1 && ADDRESS.test(parsed[0]!.address ?? '');
}

function addresses(cell: string, column: string, line: number, problems: RecipientProblem[]): string[] | undefined {
  const out: string[] = [];
  for (const part of cell.split(';').map((s) => s.trim()).filter(Boolean)) {
    if (!isAddress(part)) {
      problems.push({ line, message: `dirección no válida en ${column}: «${part}»` });
      return undefined;
    }
    out.push((addressparser(part, { flatten: true }) as { address: string }[])[0]!.address.toLowerCase());
  }
  return out;
}
