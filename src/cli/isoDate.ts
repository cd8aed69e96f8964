/**
 * `--date`: an ISO 8601 date or date-time whose every part exists. `new Date('2023-02-30')` is
 * 2 March to JavaScript; a PDF dated so would lie, so that text is refused.
 */
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-](\d{2}):?(\d{2}))?)?$/;

export function parseIsoDate(text: string): Date | undefined {
  const m = ISO.exec(text.trim());
  if (!m) return undefined;
  const [y, mo, d, h = 0, mi = 0, s = 0] = [m[1], m[2], m[3], m[4], m[5], m[6]].map((v) => (v === undefined ? undefined : Number(v))) as number[];
  const days = new Date(Date.UTC(y!, mo!, 0)).getUTCDate();
  if (y! < 1 || mo! < 1 || mo! > 12 || d! < 1 || d! > days || h > 23 || mi > 59 || s > 59) return undefined;
  if (m[8] !== undefined && (Number(m[8]) > 23 || Number(m[9]) > 59)) return undefined;
  const date = new Date(text.trim());
  return Number.isNaN(date.getTime()) ? undefined : date;
}
