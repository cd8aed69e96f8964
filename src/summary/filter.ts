import type { SummaryProgram } from './collect.js';

const plain = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/^ministerio (de(l| la| las| los)? )?/, '')
    .replace(/\s+/g, ' ')
    .trim();

/**
 * The programs of the ministries named (as typed: with or without «Ministerio de», accents or
 * capitals), and the names that match no ministry of the folder, each with the nearest ones.
 */
export function byMinistries(programs: SummaryProgram[], names: string[]): { programs: SummaryProgram[]; matched: string[]; unknown: { name: string; near: string[] }[] } {
  const ministries = [...new Set(programs.map((p) => p.ministerio))];
  const matched: string[] = [];
  const unknown: { name: string; near: string[] }[] = [];
  for (const name of names) {
    const wanted = plain(name);
    const exact = ministries.filter((m) => plain(m) === wanted);
    const found = exact.length ? exact : ministries.filter((m) => plain(m).includes(wanted));
    if (found.length && wanted) matched.push(...found.filter((m) => !matched.includes(m)));
    else unknown.push({ name, near: ministries.filter((m) => plain(m).split(' ').some((w) => w.length > 3 && wanted.includes(w))).slice(0, 3) });
  }
  return { programs: programs.filter((p) => matched.includes(p.ministerio)), matched, unknown };
}
