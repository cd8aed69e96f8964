import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import type { Message } from './compose.js';

/** One line of envios.jsonl: a message the server accepted. */
export interface JournalEntry {
  fecha: string;
  message_id: string;
  to: string[];
  cc: string[];
  adjuntos: { nombre: string; sha256: string }[];
  respuesta: string;
}

export function readJournal(path: string): JournalEntry[] {
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .flatMap((l) => {
      try {
        return [JSON.parse(l) as JournalEntry];
      } catch {
        return []; // a line cut short by a crash: that message is sent again
      }
    });
}

/** Appended (and flushed) as soon as the server accepts a message, before the next one is sent. */
export function appendJournal(path: string, entry: JournalEntry): void {
  appendFileSync(path, `${JSON.stringify(entry)}\n`);
}

/**
 * What a message still has to carry, given what the journal says was delivered: only recipients
 * that lack at least one of its fichas (same bytes), and only the fichas some of them lack.
 * Undefined: everything was already sent.
 */
export function pending(m: Message, journal: JournalEntry[]): Message | undefined {
  const has = new Map<string, Set<string>>();
  for (const e of journal) for (const a of [...e.to, ...e.cc]) for (const f of e.adjuntos) has.set(a, (has.get(a) ?? new Set()).add(`${f.nombre}:${f.sha256}`));
  const key = (f: Message['fichas'][number]) => `${f.fileName}:${f.sha256}`;
  const lacks = (a: string) => m.fichas.some((f) => !has.get(a)?.has(key(f)));
  const to = m.to.filter(lacks);
  const cc = m.cc.filter(lacks);
  if (to.length + cc.length === 0) return undefined;
  const fichas = m.fichas.filter((f) => [...to, ...cc].some((a) => !has.get(a)?.has(key(f))));
  return to.length ? { to, cc, fichas } : { to: cc, cc: [], fichas };
}
