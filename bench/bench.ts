/**
 * npm run bench: speed and size of the ficha pipeline on this machine.
 * Reports the median milliseconds per chart (Vega layout, then drawing into the PDF) and per ficha
 * (in-process, warm), each example's PDF size, and a batch run through the CLI's worker pool.
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

// A batch of 100 fichas through the CLI's pool.
const dir = mkdtempSync(join(tmpdir(), 'ficha-bench-'));
const jobs: RenderJob[] = [];
for (let k = 0; k < 25; k++) {
  for (const [i, t] of texts.entries()) {
    const file = join(dir, `${k}-${files[i]}`);
    writeFileSync(file, t.replace(/^(  id: .*)$/m, `$1-${k}`));
    jobs.push({ file });
  }
}
const parallel = availableParallelism();
const batchMs = await time(() => dispatch(jobs, { jobs: parallel, stopped: () => false }, () => {}));
rmSync(dir, { recursive: true, force: true });

console.log(`charts (${perChart.length} renders after warm-up)`);
console.log(`  median per chart          ${fmt(median(perChart))} ms   (Vega layout ${fmt(median(layoutMs))} ms + PDF drawing ${fmt(median(drawMs))} ms)`);
console.log(`  Vega layout passes per chart ${(engine.stats.layoutPasses / engine.stats.charts).toFixed(2)} (a chart whose labels overflow is laid out again, smaller)`);
console.log(`fichas (${withCharts.length} renders per variant, warm, in-process)`);
console.log(`  median per ficha          ${fmt(median(withCharts))} ms with charts, ${fmt(median(withoutCharts))} ms without`);
console.log('PDF size per example');
for (const [f, b] of sizes) console.log(`  ${f.padEnd(44)} ${(b / 1024).toFixed(0).padStart(4)} KB`);
console.log(`batch: ${jobs.length} fichas with ${parallel} workers in ${(batchMs / 1000).toFixed(1)} s = ${(jobs.length / (batchMs / 1000)).toFixed(1)} fichas/s (cold workers included)`);
