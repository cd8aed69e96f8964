/**
 * How a figure typed the Chilean way (or copied from a spreadsheet) reads, and what was meant.
 * YAML reads `.` as the decimal point and knows no thousands separator, so `5.221.470`, `73,0`,
 * `76%` or `$ 1.200` are text to it; `meantNumber` says which number a person meant by them.
 */
export type Slip = 'miles' | 'coma' | 'porcentaje' | 'moneda' | 'espacios' | 'miles-con-coma' | 'guion-bajo';

export interface MeantNumber {
  /** The number as YAML wants it written, keeping the decimals as typed: `73.0`, `5221470`. */
  text: string;
  value: number;
  slips: Slip[];
}

/** Why the typed text is not a YAML number, in a sentence a person reads. */
export const SLIP_WORDS: Record<Slip, string> = {
  miles: 'en YAML los miles no se separan con punto (el punto marca los decimales)',
  coma: 'en YAML los decimales se marcan con punto, no con coma',
  porcentaje: 'los porcentajes se escriben sin el signo %',
  moneda: 'los montos se escriben sin signo de moneda (la ficha dice en qué moneda están)',
  espacios: 'los miles no se separan con espacios',
  'miles-con-coma': 'los miles no se separan con comas',
  'guion-bajo': 'los miles no se separan con guiones bajos',
};

const DIGITS = /^\d+(\.\d+)?$/;

/** The number a person meant by `typed`, or undefined when it is not a number written another way. */
export function meantNumber(typed: string): MeantNumber | undefined {
  let s = typed.trim();
  const slips: Slip[] = [];
  if (/%$/.test(s)) {
    s = s.slice(0, -1).trim();
    slips.push('porcentaje');
  }
  const currency = /^(?:M\$|\$|CLP|MM\$)\s*/i.exec(s);
  if (currency) {
    s = s.slice(currency[0].length);
    slips.push('moneda');
  }
  const sign = s.startsWith('-') ? '-' : '';
  if (sign) s = s.slice(1);
  let body: string | undefined;
  if (/^\d{1,3}(\.\d{3})+(,\d+)?$/.test(s)) {
    body = s.replace(/\./g, '').replace(',', '.');
    slips.push('miles');
    if (s.includes(',')) slips.push('coma');
  } else if (/^\d+,\d+$/.test(s)) {
    body = s.replace(',', '.');
    slips.push('coma');
  } else if (/^\d{1,3}(,\d{3}){2,}(\.\d+)?$/.test(s)) {
    body = s.replace(/,/g, '');
    slips.push('miles-con-coma');
  } else if (/^\d{1,3}([ \u00a0\u202f]\d{3})+(,\d+)?$/.test(s)) {
    body = s.replace(/[ \u00a0\u202f]/g, '').replace(',', '.');
    slips.push('espacios');
    if (s.includes(',')) slips.push('coma');
  } else if (/^\d+(_\d+)+$/.test(s)) {
    body = s.replace(/_/g, '');
    slips.push('guion-bajo');
  } else if (slips.length > 0 && DIGITS.test(s)) {
    body = s;
  }
  if (body === undefined || !DIGITS.test(body)) return undefined;
  return { text: sign + body, value: Number(sign + body), slips };
}

/** «5.221.470» -> «en YAML los miles … ¿quiso decir 5221470?», the tail of a diagnostic. */
export function explainSlips(m: MeantNumber): string {
  return `${m.slips.map((s) => SLIP_WORDS[s]).join('; ')}: ¿quiso decir ${m.text}?`;
}

/** A plain YAML number written with one dot and three digits after it: `298.370` (298,37 to YAML). */
export function looksLikeThousands(source: string): boolean {
  return /^\d{1,3}\.\d{3}$/.test(source.trim());
}

/** `15/03/2026`, `15-03-2026`, `15.03.2026`, `2026/03/15` -> `2026-03-15`, when the day exists. */
export function meantDate(typed: string): string | undefined {
  const s = typed.trim();
  let y: number, m: number, d: number;
  const dmy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  const ymd = /^(\d{4})[/.](\d{1,2})[/.](\d{1,2})$/.exec(s) ?? /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (dmy) [d, m, y] = [Number(dmy[1]), Number(dmy[2]), Number(dmy[3])];
  else if (ymd) [y, m, d] = [Number(ymd[1]), Number(ymd[2]), Number(ymd[3])];
  else return undefined;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return undefined;
  const out = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return out === s ? undefined : out;
}
