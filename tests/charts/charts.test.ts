import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chartData } from '../../src/present/chartData.js';
import type { SceneItem, SceneMark } from '../../src/charts/engine.js';
import { loadTemplates } from '../../src/layout/templates.js';
import { chartEngineFor, renderFicha, runStages } from '../../src/pipeline/pipeline.js';
import { fichaOf, fixture, pdfText, REFERENCE_YAML, variant } from '../helpers.js';

const engine = chartEngineFor(loadTemplates());

/** Every item of a given mark type in a scenegraph, with the mark's name. */
function items(scene: SceneMark, type: string): (SceneItem & { mark: string })[] {
  const out: (SceneItem & { mark: string })[] = [];
  const walk = (m: SceneMark) => {
    if (m.marktype === type) out.push(...m.items.map((it) => ({ ...it, mark: m.name ?? m.role ?? '' })));
    for (const it of m.items) for (const child of it.items ?? []) walk(child);
  };
  walk(scene);
  return out;
}

async function scene(text: string, name: string, width = 300, height = 120) {
  const data = chartData(fichaOf(text))[name]!;
  return { data, scene: (await engine.render({ spec: data.spec, rows: data.rows, signals: data.signals, width, height })).scene };
}

const texts = (s: SceneMark) => items(s, 'text').filter((t) => (t.opacity ?? 1) !== 0).map((t) => String(t.text));

describe('chart data binding', () => {
  it('cobertura: one bar per year, heights proportional to the figures, es-CL labels', async () => {
    const { scene: s } = await scene(REFERENCE_YAML, 'cobertura');
    const rects = items(s, 'rect').filter((r) => typeof r.height === 'number' && r.fill === '#1F3864');
    expect(rects).toHaveLength(3);
    const h = rects.map((r) => r.height as number);
    expect(h[0]).toBe(0);
    expect(h[1]! / h[2]!).toBeCloseTo((327 / 5031) / (227 / 5044), 6);
    expect(texts(s)).toEqual(expect.arrayContaining(['0,0%', '6,5%', '4,5%', '2020', '2021', '2022', 'Cobertura (%)']));
  });

  it('ejecución: initial and final bars with the 90-110% band of dipres-2022', async () => {
    const { scene: s } = await scene(REFERENCE_YAML, 'ejecucion');
    expect(texts(s)).toEqual(expect.arrayContaining(['39%', '175%', '100%', 'Inicial', 'Final']));
    const band = items(s, 'rect').find((r) => r.fill === '#E2EFDA')!;
    expect(band).toBeDefined();
    const bar175 = items(s, 'rect').filter((r) => r.fill === '#1F3864').sort((a, b) => (b.height as number) - (a.height as number))[0]!;
    // the band spans 90..110 on the same scale as the 175% bar
    const pxPerPct = (bar175.height as number) / 175;
    expect(band.height as number).toBeCloseTo(20 * pxPerPct, 3);
  });

  it('uses the 85-110% band under dipres-2025', () => {
    const rows = chartData(fichaOf(fixture('pavimentacion-participativa-2025.yaml'))).ejecucion!.rows;
    expect(rows[0]).toMatchObject({ inferior: 85, superior: 110 });
  });

  it('regions north to south with their figures; axis numbers in es-CL', async () => {
    const { scene: s } = await scene(REFERENCE_YAML, 'regiones-gasto', 300, 140);
    const t = texts(s);
    const order = ['Arica y Parinacota', 'Valparaíso', "O'Higgins", 'Maule', 'Ñuble', 'Aysén', 'Nivel central'];
    const ys = order.map((r) => items(s, 'text').find((x) => x.text === r)!.y as number);
    expect([...ys].sort((a, b) => a - b)).toEqual(ys);
    expect(t).toEqual(expect.arrayContaining(['3.969', '418.344', '200.000']));
  });

  it('subtítulos and gasto por beneficiario carry their figures', async () => {
    expect(texts((await scene(REFERENCE_YAML, 'subtitulos')).scene)).toEqual(expect.arrayContaining(['26.689', '5.317', '490.141', 'M$ 2023']));
    expect(texts((await scene(REFERENCE_YAML, 'gasto-beneficiario')).scene)).toEqual(expect.arrayContaining(['909,1', '2.300,2']));
  });

  it('indicators: one line point per reported year', async () => {
    const { scene: s } = await scene(REFERENCE_YAML, 'indicador-1');
    expect(texts(s)).toEqual(expect.arrayContaining(['73,0%', '76,0%']));
    expect(items(s, 'symbol').filter((p) => (p.opacity ?? 1) !== 0)).toHaveLength(2);
  });
});

describe('markers are gaps, never zeros', () => {
  it('a marker year has no bar, shows its marker, and the chart says so', async () => {
    const text = variant((d) => (d.poblacion.por_anio[2021].objetivo = 'S/I'));
    const { scene: s, data } = await scene(text, 'cobertura');
    const rects = items(s, 'rect').filter((r) => r.fill === '#1F3864');
    expect(rects).toHaveLength(2);
    expect(texts(s)).toContain('S/I');
    expect(data.gaps).toBe('Sin dato en el gráfico: 2021 (S/I).');
    expect(data.alt).toContain('2021, sin dato (S/I)');
  });
  it('a line breaks at a marker', async () => {
    const text = variant((d) => (d.indicadores[0].valores = { 2020: 70, 2021: 'S/I', 2022: 76 }));
    const { scene: s } = await scene(text, 'indicador-1');
    const line = items(s, 'line');
    expect(line.filter((p) => p.defined === false)).toHaveLength(1);
  });
});

describe('a chart with no numeric data is replaced by a one-line note', () => {
  it('prints the note and draws no chart', async () => {
    const text = variant((d) => (d.indicadores[0].valores = { 2020: 'N/A', 2021: 'S/I', 2022: 'S/I' }));
    const staged = runStages('x.yaml', text);
    expect(staged.charts!['indicador-1']!.hasData).toBe(false);
    const r = await renderFicha('x.yaml', text);
    const path = join(mkdtempSync(join(tmpdir(), 'ficha-nodata-')), 'x.pdf');
    writeFileSync(path, r.pdf!);
    expect(await pdfText(path)).toContain('Sin valores numéricos del indicador para graficar.');
  });
});

describe('the spec cache', () => {
  it('compiles each spec once; the second ficha only binds data', async () => {
    await renderFicha('a.yaml', REFERENCE_YAML);
    const before = { ...engine.stats };
    await renderFicha('b.yaml', REFERENCE_YAML);
    expect(engine.stats.compiled).toBe(before.compiled);
    expect(engine.stats.reused).toBeGreaterThan(before.reused);
    expect(engine.warnings).toEqual([]);
  });
});

describe('charts in the PDF', () => {
  it('are vectors and text: no raster image, labels extractable; --no-charts leaves them out', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ficha-charts-'));
    const withCharts = join(dir, 'con.pdf');
    writeFileSync(withCharts, (await renderFicha('c.yaml', REFERENCE_YAML)).pdf!);
    expect(readFileSync(withCharts).toString('latin1')).not.toMatch(/\/Subtype \/Image/);
    const t = await pdfText(withCharts);
    expect(t).toContain('Cobertura (%)');
    expect(t).toContain('Ejecución (%)');
    const without = join(dir, 'sin.pdf');
    writeFileSync(without, (await renderFicha('c.yaml', REFERENCE_YAML, { charts: false })).pdf!);
    expect(await pdfText(without)).not.toContain('Cobertura (%)');
  });
});


describe('the compiled-spec cache', () => {
  it('keeps Vega-Lite\'s output on disk by a hash of its input; a damaged entry is compiled again', async () => {
    const { readdirSync, writeFileSync: write } = await import('node:fs');
    const { ChartEngine } = await import('../../src/charts/engine.js');
    const templates = loadTemplates();
    const dir = join(process.env.FICHA_CACHE_DIR!, 'vega');
    const fresh = () => new ChartEngine(templates.dir, templates.theme, (t, _b, s) => t.length * s * 0.5);
    const rows = [{ anio: '2022', valor: 4.5, etiqueta: '4,5%' }];
    await fresh().render({ spec: 'cobertura', rows, width: 200, height: 100 });
    const entries = readdirSync(dir).filter((f) => f.startsWith('cobertura-'));
    expect(entries.length).toBeGreaterThan(0);
    for (const f of entries) write(join(dir, f), '{ no es json');
    const again = fresh();
    const { scene } = await again.render({ spec: 'cobertura', rows, width: 200, height: 100 });
    expect(texts(scene)).toContain('4,5%');
    expect(again.warnings).toEqual([]);
  });
});

describe('views kept between charts', () => {
  it('lay a chart out exactly as a new view does, whatever charts came before (shuffled, repeated)', async () => {
    const { ChartEngine } = await import('../../src/charts/engine.js');
    const templates = loadTemplates();
    const measure = (t: string, bold: boolean, s: number) => t.length * s * (bold ? 0.55 : 0.5);
    const requests = ['redes-oportunidades-negocios-2022.yaml', 'promocion-talentos-2024.yaml', 'lenguas-indigenas-2025.yaml', 'inversion-en-la-comunidad-2025.yaml'].flatMap((f) =>
      Object.values(runStages(f, fixture(f)).charts ?? {})
        .filter((c) => c.hasData)
        .map((c, i) => ({ spec: c.spec, rows: c.rows, signals: c.signals, width: 220 + 20 * (i % 3), height: 110 })),
    );
    expect(requests.length).toBeGreaterThan(20);
    const alone = async (r: (typeof requests)[number]) => JSON.stringify((await new ChartEngine(templates.dir, templates.theme, measure).render(r)).scene);
    const kept = new ChartEngine(templates.dir, templates.theme, measure);
    let seed = 7;
    const shuffled = [...requests, ...requests].sort(() => ((seed = (seed * 16807) % 2147483647) / 2147483647) - 0.5);
    for (const r of shuffled) expect(JSON.stringify((await kept.render(r)).scene)).toBe(await alone(r));
    expect(kept.stats.compiled).toBeLessThan(10);
  });
});
