/**
 * npm run bench: speed and size of the ficha pipeline on this machine.
 * Reports the median milliseconds per chart (Vega layout, then drawing into the PDF) and per ficha
 * (in-process, warm) and per stage, each example's PDF size, batches of `ficha sample` inputs with
 * one worker and with all, the command's cold start, and ends with one JSON line of all of it.
 */
import { readdirSync, readFileSync, mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir, availableParallelism } from 'node:os';
import { join } from 'node:path';
import PDFDocument from 'pdfkit';
import { chartEngineFor, renderFicha, runStages } from '../src/pipeline/pipeline.js';
import { loadTemplates } from '../src/layout/templates.js';
import { measurerFor } from '../src/pdf/render.js';
import { drawScene } from '../src/pdf/drawScene.js';
import { dispatch } from '../src/batch/dispatch.js';
import { sampleInputs } from '../src/sample/generate.js';
import { loadYaml } from '../src/load/load.js';
import { validate } from '../src/validate/validate.js';
import { computeFicha } from '../src/metrics/ficha.js';
import { present } from '../src/present/view.js';
import { layout } from '../src/layout/layout.js';
import { spawnSync } from 'node:child_process';
import type { DrawContext } from '../src/pdf/context.js';
import type { RenderJob } from '../src/batch/renderOne.js';

const INPUT = new URL('../input/', import.meta.url).pathname;
const files = readdirSync(INPUT).filter((f) => f.endsWith('.yaml')).sort();
const texts = files.map((f) => readFileSync(join(INPUT, f), 'utf8'));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (ms: number) => ms.toFixed(1).padStart(6);

async function time(fn: () => Promise<unknown> | unknown): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

// Warm-up: fonts parsed, specs compiled, code paths jitted.
for (let i = 0; i < 3; i++) for (const t of texts) await renderFicha('warm.yaml', t);

// Charts: Vega layout of each chart of each example, then drawing it into a PDF page.
const templates = loadTemplates();
const engine = chartEngineFor(templates);
const measurer = measurerFor(templates);
const layoutMs: number[] = [];
const drawMs: number[] = [];
const doc = new PDFDocument({ autoFirstPage: true, compress: true });
const ctx = { doc, measurer, fontIds: { regular: 'Helvetica', bold: 'Helvetica-Bold', italic: 'Helvetica', boldItalic: 'Helvetica-Bold' } } as unknown as DrawContext;
for (let round = 0; round < 10; round++) {
  for (const t of texts) {
    for (const c of Object.values(runStages('b.yaml', t).charts ?? {})) {
      if (!c.hasData) continue;
      let scene: Awaited<ReturnType<typeof engine.render>>['scene'] | undefined;
      layoutMs.push(await time(async () => (scene = (await engine.render({ spec: c.spec, rows: c.rows, signals: c.signals, width: 240, height: 110 })).scene)));
      drawMs.push(await time(() => drawScene(ctx, scene!, 0, 0, (s, b, z) => measurer.width(s, b ? 'bold' : 'regular', z))));
    }
  }
}
doc.end();
const perChart = layoutMs.map((l, i) => l + drawMs[i]!);

// Fichas, in-process.
const withCharts: number[] = [];
const withoutCharts: number[] = [];
const sizes = new Map<string, number>();
for (let round = 0; round < 5; round++) {
  for (const [i, t] of texts.entries()) {
    let bytes = 0;
    withCharts.push(await time(async () => (bytes = (await renderFicha(files[i]!, t)).pdf!.length)));
    sizes.set(files[i]!, bytes);
    withoutCharts.push(await time(() => renderFicha(files[i]!, t, { charts: false })));
  }
}

// Stages of one ficha, warm: where the time goes.
const stageMs: Record<string, number[]> = { load: [], validate: [], metrics: [], present: [], layout: [], charts: [], pdf: [] };
for (let round = 0; round < 5; round++) {
  for (const [i, t] of texts.entries()) {
    let loaded!: ReturnType<typeof loadYaml>;
    stageMs.load!.push(await time(() => (loaded = loadYaml(files[i]!, t))));
    let v!: ReturnType<typeof validate>;
    stageMs.validate!.push(await time(() => (v = validate(loaded.source))));
    let f!: ReturnType<typeof computeFicha>;
    stageMs.metrics!.push(await time(() => (f = computeFicha(v.input!))));
    let p!: ReturnType<typeof present>;
    stageMs.present!.push(await time(() => (p = present(f))));
    stageMs.layout!.push(await time(() => layout(p.view, templates)));
    let chartsMs = 0;
    for (const c of Object.values(p.charts)) if (c.hasData) chartsMs += await time(() => engine.render({ spec: c.spec, rows: c.rows, signals: c.signals, width: 240, height: 110 }));
    stageMs.charts!.push(chartsMs);
    const total = await time(() => renderFicha(files[i]!, t));
    const before = stageMs.load!.at(-1)! + stageMs.validate!.at(-1)! + stageMs.metrics!.at(-1)! + stageMs.present!.at(-1)! + stageMs.layout!.at(-1)!;
    stageMs.pdf!.push(Math.max(0, total - before - chartsMs));
  }
}

// Batches of `ficha sample` inputs: one worker (in this process) and all workers.
const dir = mkdtempSync(join(tmpdir(), 'ficha-bench-'));
const jobs: RenderJob[] = sampleInputs(300, { seed: 1 }).map((f) => {
  const file = join(dir, f.name);
  writeFileSync(file, f.text);
  return { file };
});
const parallel = availableParallelism();
const oneJobs = jobs.slice(0, 100);
const oneMs = await time(() => dispatch(oneJobs, { jobs: 1, stopped: () => false }, () => {}));
const batchMs = await time(() => dispatch(jobs, { jobs: parallel, stopped: () => false }, () => {}));
rmSync(dir, { recursive: true, force: true });

// Cold starts of the command, as a person runs it.
const BIN = new URL('../bin/ficha.js', import.meta.url).pathname;
const outDir = mkdtempSync(join(tmpdir(), 'ficha-cold-'));
const cold = (args: string[]) =>
  median(
    Array.from({ length: 5 }, () => {
      const t0 = performance.now();
      const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`ficha ${args.join(' ')}: ${r.stderr}`);
      return performance.now() - t0;
    }),
  );
const example = join(INPUT, 'redes-oportunidades-negocios-2022.yaml');
const coldHelp = cold(['--help']);
const coldValidate = cold(['validate', example]);
const coldRender = cold(['render', example, '--out', outDir, '--quiet']);
rmSync(outDir, { recursive: true, force: true });

const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)]!;
console.log(`charts (${perChart.length} renders after warm-up)`);
console.log(`  median per chart          ${fmt(median(perChart))} ms   (Vega layout ${fmt(median(layoutMs))} ms + PDF drawing ${fmt(median(drawMs))} ms)`);
console.log(`  Vega layout passes per chart ${(engine.stats.layoutPasses / engine.stats.charts).toFixed(2)} (a chart whose labels overflow is laid out again, smaller)`);
console.log(`fichas (${withCharts.length} renders per variant, warm, in-process)`);
console.log(`  median per ficha          ${fmt(median(withCharts))} ms with charts, ${fmt(median(withoutCharts))} ms without`);
console.log(`  per stage (median ms)     ${Object.entries(stageMs).map(([k, v]) => `${k} ${median(v).toFixed(1)}`).join(', ')}`);
console.log('PDF size per example');
for (const [f, b] of sizes) console.log(`  ${f.padEnd(44)} ${(b / 1024).toFixed(0).padStart(4)} KB`);
console.log(`batch: ${oneJobs.length} sample fichas with 1 worker in ${(oneMs / 1000).toFixed(1)} s = ${(oneJobs.length / (oneMs / 1000)).toFixed(1)} fichas/s`);
console.log(`batch: ${jobs.length} sample fichas with ${parallel} workers in ${(batchMs / 1000).toFixed(1)} s = ${(jobs.length / (batchMs / 1000)).toFixed(1)} fichas/s (cold workers included)`);
console.log(`cold start: --help ${coldHelp.toFixed(0)} ms, validate ${coldValidate.toFixed(0)} ms, render ${coldRender.toFixed(0)} ms`);
const r1 = (x: number) => Math.round(x * 10) / 10;
console.log(
  JSON.stringify({
    cold_ms: { help: Math.round(coldHelp), validate: Math.round(coldValidate), render: Math.round(coldRender) },
    ficha_ms: { charts: { median: r1(median(withCharts)), p95: r1(p95(withCharts)) }, no_charts: { median: r1(median(withoutCharts)), p95: r1(p95(withoutCharts)) } },
    stage_ms: Object.fromEntries(Object.entries(stageMs).map(([k, v]) => [k, r1(median(v))])),
    chart_ms: r1(median(perChart)),
    fichas_per_s: { one_worker: r1(oneJobs.length / (oneMs / 1000)), all_workers: r1(jobs.length / (batchMs / 1000)), workers: parallel },
    peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
    pdf_kb: Object.fromEntries([...sizes].map(([f, b]) => [f.replace(/\.yaml$/, ''), Math.round(b / 1024)])),
  }),
);
