/** Small pieces of Spanish grammar the messages need: plurals, «del» / «de la», sizes, dates. */

/** «1 ficha», «3 fichas»; `plural` for words not made with -s. */
export function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}

// The first word of an institution's name says its gender: «del Servicio», «de la Subsecretaría».
const FEMININE = new Set(['agencia', 'armada', 'biblioteca', 'caja', 'casa', 'junta', 'fuerza', 'gendarmería', 'oficina', 'policía', 'red', 'unidad']);
const MASCULINE = new Set(['consejo', 'comité', 'fondo', 'gobierno', 'instituto', 'ministerio', 'servicio', 'registro', 'centro', 'departamento', 'programa', 'cuerpo', 'ejército', 'estado', 'parque', 'museo', 'hospital', 'sistema', 'tribunal', 'banco']);

/**
 * «de» with the article an institution's name takes: «del Servicio Nacional del Adulto Mayor», «de la
 * Subsecretaría de Educación», «de Chile». A name that already starts with an article keeps it
 * («de La Moneda» stays as written); an acronym or an unknown word gets «de» alone.
 */
export function deInstitution(name: string): string {
  const first = name.trim().split(/\s+/)[0] ?? '';
  const word = first.toLocaleLowerCase('es-CL');
  if (/^(el|la|los|las)$/.test(word)) return `de ${name}`;
  if (first === first.toUpperCase() && first.length > 1) return `de ${name}`;
  if (FEMININE.has(word) || /(ción|sión|dad|tud|ía|ura|encia|ancia|tura)$/.test(word)) return `de la ${name}`;
  if (MASCULINE.has(word)) return `del ${name}`;
  return `de ${name}`;
}

/** Bytes as a person reads them in es-CL: «3,8 MB», «950 KB». */
export function sizeOf(bytes: number): string {
  const mb = bytes / 1024 / 1024;
  if (mb >= 1) return `${mb.toFixed(1).replace('.', ',')} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

const MONTHS = ['enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'septiembre', 'octubre', 'noviembre', 'diciembre'];

/** «15 de enero de 2027» for an ISO date (YYYY-MM-DD). */
export function longDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return `${d} de ${MONTHS[m - 1]} de ${y}`;
}

/** A name as a file name: «Servicio Nacional del Adulto Mayor» -> «servicio-nacional-del-adulto-mayor». */
export function fileSlug(name: string): string {
  return (
    name
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 80)
      .replace(/-+$/, '') || 'mensaje'
  );
}
