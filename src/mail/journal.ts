import { appendFileSync, existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, join, sep } from 'node:path';
import type { Message } from './compose.js';

/**
 * One line of envios.jsonl. A message is journalled twice: `enviando` before the server is given
 * it, then `aceptado` (the server took it), or `fallido` (it did not, for good). A message left
 * `enviando` (the process stopped while the server had it) may or may not have been delivered.
 * Lines without `estado` come from journals before these states, which recorded accepted messages.
 */
export interface JournalEntry {
  fecha: string;
  estado?: 'enviando' | 'aceptado' | 'fallido';
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
        return []; // a line cut short by a crash
      }
    });
}

/** Appended (and flushed) at once: before a message goes to the server, and when it answers. */
export function appendJournal(path: string, entry: JournalEntry): void {
  appendFileSync(path, `${JSON.stringify(entry)}\n`);
}

/**
 * The journal of a delivery when none is named: beside the manifest given, else in the folder
 * that holds every PDF (their deepest common folder, by real path), so that the same fichas named
 * in any order, or by other spellings of their paths, find the same journal.
 */
export function defaultJournalPath(inputs: string[], files: string[]): string {
  const real = (p: string) => {
    try {
      return realpathSync(p);
    } catch {
      return p;
    }
  };
  const manifests = inputs.filter((a) => basename(a).endsWith('.json') && existsSync(a) && statSync(a).isFile()).map((a) => dirname(real(a))).sort();
  if (manifests.length) return join(manifests[0]!, 'envios.jsonl');
  const folders = [...new Set(files.map((f) => dirname(real(f))))];
  if (!folders.length) return 'envios.jsonl';
  let common = folders[0]!.split(sep);
  for (const f of folders.slice(1)) {
    const parts = f.split(sep);
    let i = 0;
    while (i < common.length && i < parts.length && common[i] === parts[i]) i++;
    common = common.slice(0, i);
  }
  return join(common.join(sep) || sep, 'envios.jsonl');
}

const key = (f: { nombre: string; sha256: string }) => `${f.nombre}:${f.sha256}`;

/** Per address, the fichas (name and bytes) the journal says it received, or may have received. */
function deliveries(journal: JournalEntry[], states: (JournalEntry['estado'] | undefined)[]): Map<string, Set<string>> {
  const has = new Map<string, Set<string>>();
  for (const e of journal) {
    if (!states.includes(e.estado)) continue;
    for (const a of [...e.to, ...e.cc]) for (const f of e.adjuntos) has.set(a, (has.get(a) ?? new Set()).add(key(f)));
  }
  return has;
}

/**
 * What a message still has to carry, given what the journal says was accepted: only recipients
 * that lack at least one of its fichas (same bytes), and only the fichas some of them lack.
 * Undefined: everything was already sent.
 */
export function pending(m: Message, journal: JournalEntry[]): Message | undefined {
  const has = deliveries(journal, [undefined, 'aceptado']);
  const lacks = (a: string) => m.fichas.some((f) => !has.get(a)?.has(key({ nombre: f.fileName, sha256: f.sha256 })));
  const to = m.to.filter(lacks);
  const cc = m.cc.filter(lacks);
  if (to.length + cc.length === 0) return undefined;
  const fichas = m.fichas.filter((f) => [...to, ...cc].some((a) => !has.get(a)?.has(key({ nombre: f.fileName, sha256: f.sha256 }))));
  return to.length ? { ...m, to, cc, fichas } : { ...m, to: cc, cc: [], fichas };
}

/**
 * Whether part of the message (a recipient and a ficha) was handed to the server by an earlier run
 * that never heard the answer: journalled `enviando` with no `aceptado` or `fallido` after it.
 */
export function unconfirmed(m: Message, journal: JournalEntry[]): boolean {
  const open = new Map<string, JournalEntry>();
  for (const e of journal) {
    if (e.estado === 'enviando') open.set(e.message_id, e);
    else open.delete(e.message_id);
  }
  const maybe = deliveries([...open.values()], ['enviando']);
  return [...m.to, ...m.cc].some((a) => m.fichas.some((f) => maybe.get(a)?.has(key({ nombre: f.fileName, sha256: f.sha256 }))));
}
