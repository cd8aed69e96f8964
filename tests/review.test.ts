import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { chartData } from '../src/present/chartData.js';
import { present } from '../src/present/view.js';
import { runStages } from '../src/pipeline/stages.js';
import { fichaOf, REFERENCE_YAML, variant } from './helpers.js';

/** The points of the maintainer's review, each with the test that failed before. */
describe('figures and sentences a reader would question', () => {
  it('an indicator from 76.04 to 76.0 prints 76,0% twice and se mantuvo', () => {
    const f = fichaOf(variant((d) => (d.indicadores[0].valores = { 2020: 'N/A', 2021: 76.04, 2022: 76.0 })));
    expect(f.figures.indicadores[0]!.tendencia).toBe('se mantuvo');
    expect(present(f).view.indicadores_proposito[0]!.valores.slice(1)).toEqual(['76,0%', '76,0%']);
  });
  it('no subtítulos: no warning about their sum', () => {
    const staged = runStages('s.yaml', variant((d) => delete d.presupuesto.subtitulos));
    expect(staged.diagnostics.filter((d) => d.code === 'subtitulos-vs-ejecutado')).toEqual([]);
  });
  it('sobre_20 with a share of 11,3% is a warning: the verdict contradicts a figure', () => {
    const staged = runStages('s.yaml', variant((d) => (d.analisis.eficiencia.gasto_administrativo = 'sobre_20')));
    const w = staged.diagnostics.find((d) => d.code === 'veredicto-contradice-cifra');
    expect(w?.severity).toBe('warning');
    expect(w?.message).toContain('11,3%');
  });
  it('gasto_administrativo: sin_informacion beside a reported amount is its own warning, not a contradicted threshold', () => {
    const staged = runStages('s.yaml', variant((d) => (d.analisis.eficiencia.gasto_administrativo = 'sin_informacion')));
    expect(staged.diagnostics.map((d) => d.code)).toEqual(['veredicto-sin-informacion']);
  });
  it('priorización sin_deficiencias with more beneficiaries than the target population is a warning', () => {
    const staged = runStages('s.yaml', variant((d) => ((d.ficha.metodologia = 'dipres-2025'), (d.analisis.focalizacion.priorizacion = 'sin_deficiencias'), (d.poblacion.por_anio[2022].beneficiaria = 6000))));
    expect(staged.diagnostics.map((d) => d.code)).toContain('veredicto-contradice-cifra');
  });
  it('each ejecución bar has its own band: 85-110% initial and 90-110% final under dipres-2025, and the alt text says so', () => {
    const c = chartData(fichaOf(variant((d) => (d.ficha.metodologia = 'dipres-2025')))).ejecucion!;
    expect(c.rows.filter((r) => r.serie === 'Inicial').every((r) => r.inferior === 85)).toBe(true);
    expect(c.rows.filter((r) => r.serie === 'Final').every((r) => r.inferior === 90)).toBe(true);
    expect(c.alt).toContain('inicial entre 85% y 110%; final entre 90% y 110%');
  });
  it('omitir resultado_indicador removes its sentence from section III too', () => {
    const view = present(fichaOf(variant((d) => (d.analisis.eficacia.omitir = ['resultado_indicador'])))).view;
    expect(view.indicadores_proposito[0]!.resultado).toBe('');
    expect(view.dimensiones[2]!.resultados.join(' ')).not.toContain('El indicador de propósito aumentó');
  });
});

describe('the command line says what a user needs', () => {
  it('help names ficha.fecha for --date, the methodologies and FICHA_RULESETS, and the in-process threshold of --jobs; the version is package.json\'s', async () => {
    const { main } = await import('../src/cli/program.js');
    const out: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((c: string | Uint8Array) => (out.push(String(c)), true));
    try {
      await main(['node', 'ficha', 'render', '--help']);
      await main(['node', 'ficha', '--help']);
      await main(['node', 'ficha', '--version']);
    } finally {
      spy.mockRestore();
    }
    const text = out.join('');
    for (const s of ['ficha.fecha', 'dipres-2025', 'FICHA_RULESETS', 'menos de 16 archivos']) expect(text).toContain(s);
    expect(text).toContain(JSON.parse(readFileSync(resolve(import.meta.dirname, '../package.json'), 'utf8')).version);
  });
});

describe('determinism across processes', () => {
  it('two processes with other working folders and time zones write the same bytes', () => {
    const bin = resolve(import.meta.dirname, '../bin/ficha.js');
    const input = join(mkdtempSync(join(tmpdir(), 'ficha-det-')), 'a.yaml');
    writeFileSync(input, REFERENCE_YAML);
    const outs = [
      { cwd: tmpdir(), TZ: 'America/Santiago' },
      { cwd: resolve(import.meta.dirname, '..'), TZ: 'Asia/Tokyo' },
    ].map(({ cwd, TZ }) => {
      const out = mkdtempSync(join(tmpdir(), 'ficha-det-out-'));
      const r = spawnSync(process.execPath, [bin, 'render', input, '--out', out, '--quiet'], { cwd, env: { ...process.env, TZ }, encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
      return readFileSync(join(out, 'redes-oportunidades-negocios-2022.pdf'));
    });
    expect(Buffer.compare(outs[0]!, outs[1]!)).toBe(0);
  });
});

describe('stages that know only what they must (import graph)', () => {
  const SRC = resolve(import.meta.dirname, '../src');
  const files = (dir: string): string[] => readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? files(join(dir, f)) : f.endsWith('.ts') ? [join(dir, f)] : []));
  const imports = files(SRC).flatMap((f) =>
    [...readFileSync(f, 'utf8').matchAll(/^(?:import|export)[^'"]*from\s+'(\.[^']+)'/gm)].map((m) => ({
      from: relative(SRC, f).split('/')[0]!,
      to: relative(SRC, resolve(f, '..', m[1]!)).split('/')[0]!,
      file: relative(SRC, f),
    })),
  );
  const edges = (from: string, to: string) => imports.filter((i) => i.from === from && i.to === to).map((i) => i.file);
  it('metrics/ imports nothing from present/, layout/, charts/ or pdf/', () => {
    for (const to of ['present', 'layout', 'charts', 'pdf']) expect(edges('metrics', to), to).toEqual([]);
  });
  it('charts/ and present/ do not import each other both ways: present uses charts data, charts never present', () => {
    expect(edges('charts', 'present')).toEqual([]);
  });
  it('validate/ does not import metrics/', () => expect(edges('validate', 'metrics')).toEqual([]));
  it('a batch\'s main thread (cli/render.ts) reaches the renderer only through a dynamic import: its workers render', () => {
    // Modules loaded with cli/render.ts: its static imports (not `import type`), and theirs.
    const loaded = new Set<string>();
    const visit = (file: string) => {
      if (loaded.has(file)) return;
      loaded.add(file);
      for (const m of readFileSync(file, 'utf8').matchAll(/^(?:import|export)\s+(?!type\b)[^'"]*from\s+'(\.[^']+)'/gm)) visit(resolve(file, '..', m[1]!.replace(/\.js$/, '.ts')));
    };
    visit(join(SRC, 'cli/render.ts'));
    const reached = [...loaded].map((f) => relative(SRC, f));
    expect(reached).toContain('batch/dispatch.ts');
    expect(reached.filter((f) => /^(pipeline\/pipeline|pdf|charts|layout|present|metrics|validate)\b/.test(f) || f === 'batch/renderOne.ts')).toEqual([]);
  });
  it('metrics/ writes no Spanish sentence: it returns outcomes and numbers, present/ words them', () => {
    const sentences = files(join(SRC, 'metrics')).flatMap((f) => {
      const code = readFileSync(f, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
      return [...code.matchAll(/(['"`])((?:(?!\1)[^\\]|\\.)*)\1/g)].map((m) => m[2]!).filter((s) => /(\S+ ){2,}\S+/.test(s) && / (de|del|la|el|los|las|que|entre|es|y|en|con|por|se) /.test(` ${s} `));
    });
    expect(sentences).toEqual([]);
  });
});
