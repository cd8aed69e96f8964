import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { present } from '../../src/present/view.js';
import { wordRules } from '../../src/present/sentences.js';
import { fichaOf, FIXTURES, fixture, variant } from '../helpers.js';

/**
 * How much of the 2025 reports' standard wording the dipres-2025 rule set can produce. The
 * standard sentences are those of the analysis fields of the 55 reports in
 * `fixtures/corpus-2025-analisis.json` (a copy of shared/corpus) that occur in at least three
 * reports, with the years replaced by {t}, {t1}, {t2}.
 */
const FIELDS = ['focalizacion', 'priorizacion', 'gasto_por_beneficiario', 'hallazgo_focalizacion', 'hallazgo_eficiencia', 'hallazgo_eficacia'] as const;
const splitSentences = (text: string) =>
  text
    .replace(/\s+/g, ' ')
    .trim()
    .split(/(?<=\.)\s+(?=[A-ZÁÉÍÓÚÑ])/)
    .filter(Boolean);
const withYears = (s: string) => s.replaceAll('2025', '{t}').replaceAll('2024', '{t1}').replaceAll('2023', '{t2}');

function standardSentences(): Map<string, number> {
  const reports = JSON.parse(readFileSync(join(FIXTURES, 'corpus-2025-analisis.json'), 'utf8')) as Record<string, string | null>[];
  const count = new Map<string, number>();
  for (const r of reports) {
    const own = new Set(FIELDS.flatMap((f) => splitSentences(withYears(r[f] ?? ''))));
    for (const s of own) count.set(s, (count.get(s) ?? 0) + 1);
  }
  return new Map([...count].filter(([, n]) => n >= 3));
}

/** Every sentence section II can print under dipres-2025, over the verdicts and figures that change it. */
function producible(): Set<string> {
  const base = fixture('lenguas-indigenas-2025.yaml');
  const out = new Set<string>();
  const collect = (change: (d: any) => void) => {
    const ficha = fichaOf(variant(change, base));
    // A rule's sentence as the rule set words it, and as section II prints it (labels, grouping).
    for (const r of wordRules(ficha.ruleSet, ficha.dimensiones, ficha.figures.anio).flatMap((d) => d.resultados)) for (const x of splitSentences(withYears(r.text))) out.add(x);
    const view = present(ficha).view;
    for (const d of view.dimensiones) {
      for (const s of [...d.resultados, ...(d.hallazgos.length ? d.hallazgos : [d.sin_hallazgos])]) for (const x of splitSentences(withYears(s))) out.add(x);
    }
  };
  const plain = (d: any) => {
    d.analisis.focalizacion.criterios = 'sin_deficiencias';
    d.analisis.eficacia.calidad_indicador = 'sin_deficiencias';
  };
  for (const c of ['sin_deficiencias', 'con_deficiencias', 'no_subconjunto', 'universal', 'universal_no_pertinente', 'sin_informacion']) {
    for (const p of ['sin_deficiencias', 'con_deficiencias', 'no_subconjunto', 'universal', 'sin_informacion']) {
      collect((d) => ((d.analisis.focalizacion.criterios = c), (d.analisis.focalizacion.priorizacion = p)));
    }
  }
  const pcts = [80, 100, 120];
  for (const ini of pcts) {
    for (const fin of pcts) {
      for (const all of [false, true]) {
        collect((d) => {
          plain(d);
          for (const y of all ? [2023, 2024, 2025] : [2025]) {
            const e = d.presupuesto.por_anio[y].ejecutado;
            d.presupuesto.por_anio[y].inicial = (e * 100) / ini;
            d.presupuesto.por_anio[y].final = (e * 100) / fin;
          }
        });
      }
    }
  }
  for (const beneficiaria of [3600, 5063, 'S/I']) {
    for (const j of [undefined, 'pertinente', 'no_pertinente', 'sin_justificacion']) {
      collect((d) => {
        plain(d);
        d.poblacion.por_anio[2025].beneficiaria = beneficiaria;
        if (j) d.analisis.eficiencia.justificacion_gasto_por_beneficiario = j;
        else delete d.analisis.eficiencia.justificacion_gasto_por_beneficiario;
      });
    }
  }
  for (const g of ['sin_falencias', 'con_falencias', 'sobre_20', 'sin_informacion']) collect((d) => (d.analisis.eficiencia.gasto_administrativo = g));
  const trends: [number | string, number | string][] = [[70, 75], [75, 70], [70, 70], ['S/I', 70]];
  for (const pert of ['pertinente', 'no_pertinente']) {
    for (const cal of ['sin_deficiencias', 'con_deficiencias', 'no_reportado']) {
      for (const indicador of [1, 2]) {
        for (const [a, b] of trends) {
          for (const [c, e] of [trends[0]!, trends[1]!]) {
            collect((d) => {
              // {texto} adds a comment after the standard sentence; the comment is its own sentence.
              const verdict = (valor: string) => (indicador === 1 ? valor : { valor, texto: 'Comentario.', indicador });
              d.analisis.eficacia.pertinencia_indicador = verdict(pert);
              d.analisis.eficacia.calidad_indicador = verdict(cal);
              d.indicadores[0].valores = { 2024: a, 2025: b };
              d.indicadores[1].valores = { 2024: c, 2025: e };
            });
          }
        }
      }
    }
  }
  return out;
}

describe('the standard sentences of the 2025 reports', () => {
  it('are produced by dipres-2025, all but the analysts\' own repeated comments', () => {
    const standard = standardSentences();
    const can = producible();
    const produced = [...standard.keys()].filter((s) => can.has(s));
    const missing = [...standard.keys()].filter((s) => !can.has(s));
    const weighted = (list: string[]) => list.reduce((n, s) => n + standard.get(s)!, 0);
    const share = produced.length / standard.size;
    const weightedShare = weighted(produced) / weighted([...standard.keys()]);
    console.log(
      `dipres-2025 produces ${produced.length} of ${standard.size} standard sentences (${(100 * share).toFixed(1)}%; ` +
        `${(100 * weightedShare).toFixed(1)}% of their occurrences). Not produced:\n  ${missing.join('\n  ')}`,
    );
    // What remains are comments that analysts repeat for similar programs, not verdicts.
    for (const s of missing) expect(s).toMatch(/debe informar|se debe reportar|se debe informar/);
    expect(standard.size).toBeGreaterThanOrEqual(25);
  });
});
