import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument, isMap, isScalar } from 'yaml';
import { meantDate } from '../load/chileanNumbers.js';
import type { MailSettings } from './compose.js';

const KEYS: Record<keyof MailSettings, string> = {
  institucion: 'la institución que firma («Dirección de Presupuestos»)',
  unidad: 'la unidad que firma («Departamento de Monitoreo y Evaluación»)',
  contacto: 'a quién enviar observaciones («Nombre <correo@dominio.cl>»)',
  plazo: 'la fecha límite para observaciones (AAAA-MM-DD o DD/MM/AAAA)',
};

/** A deadline as typed (2027-01-15, 15/01/2027, 15-01-2027) as YYYY-MM-DD, or undefined if it is no date. */
export function deadlineOf(text: string): string | undefined {
  const t = text.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(t)) return meantDate(t.replace(/-/g, '/')) === t ? t : undefined;
  return meantDate(t);
}

/**
 * The message settings file (`--settings correo.yaml`): who signs, whom to answer and by when.
 * Problems are `file:line:col: message`, in Spanish.
 */
export function readMailSettings(path: string): { settings: MailSettings; problems: string[] } {
  const text = readFileSync(path, 'utf8');
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true });
  const at = (offset: number | undefined) => {
    const p = lines.linePos(offset ?? 0);
    return `${path}:${p.line}:${p.col}`;
  };
  if (doc.errors.length) return { settings: {}, problems: doc.errors.map((e) => `${at(e.pos[0])}: el archivo no es YAML válido`) };
  if (doc.contents === null) return { settings: {}, problems: [] };
  if (!isMap(doc.contents)) return { settings: {}, problems: [`${at(0)}: se esperaba un mapa con las claves ${Object.keys(KEYS).join(', ')}`] };
  const settings: MailSettings = {};
  const problems: string[] = [];
  for (const pair of doc.contents.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    const where = at(isScalar(pair.key) ? pair.key.range?.[0] : undefined);
    if (!Object.hasOwn(KEYS, key)) {
      problems.push(`${where}: clave desconocida «${key}»; se esperaba una de ${Object.keys(KEYS).join(', ')}`);
      continue;
    }
    const value = isScalar(pair.value) ? pair.value.value : undefined;
    const found = value === undefined ? 'un valor que no es texto' : `«${String(value)}»`;
    if (typeof value !== 'string' && typeof value !== 'number') {
      problems.push(`${where}: ${key}: se esperaba ${KEYS[key as keyof MailSettings]}; se encontró ${found}`);
      continue;
    }
    if (key === 'plazo') {
      const date = deadlineOf(String(value));
      if (date) settings.plazo = date;
      else problems.push(`${where}: plazo: se esperaba una fecha que exista (AAAA-MM-DD o DD/MM/AAAA); se encontró ${found}`);
    } else settings[key as Exclude<keyof MailSettings, 'plazo'>] = String(value).trim();
  }
  return { settings, problems };
}
