/**
 * npm run bench: speed and size of the ficha pipeline on this machine.
 * Reports the median milliseconds per chart (Vega layout, then drawing into the PDF) and per ficha
 * (in-process, warm) and per stage, each example's PDF size, batches of `ficha sample` inputs
 * rendered by the command (100 with one job, 300 with all cores three times, 1,000 with two jobs
 * and the process's peak memory), the command's cold start, and ends with one JSON line of all of it.
 */
import { readdirSync, readFileSync, mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir, availableParallelism } from 'node:os';
import { join } from 'node:path';
import PDFDocument from 'pdfkit';
import { chartEngineFor, renderFicha, runStages } from '../src/pipeline/pipeline.js';
import { loadTemplates } from '../src/layout/templates.js';
import { measurerFor } from '../src/pdf/render.js';
import { drawScene } from '../src/pdf/drawScene.js';
import { sampleInputs } from '../src/sample/generate.js';
import { loadYaml } from '../src/load/load.js';
import { validate } from '../src/validate/validate.js';
import { computeFicha } from '../src/metrics/ficha.js';
import { present } from '../src/present/view.js';
import { layout } from '../src/layout/layout.js';
import { spawnSync } from 'node:child_process';
import type { Doc } from '../src/pdf/struct.js';
import { keepFichaObjectsYoung } from '../src/startup/pretenuring.js';

// The fichas rendered here run under the V8 settings the command sets at start-up for rendering in
// its own thread (src/cli/main.ts): without allocation-site pretenuring. V8's optimization budget
// stays at its default, as the command sets it back for a whole batch in its own thread
// (withDefaultOptimizationBudget). Before, this process rendered with pretenuring on, which no
// ficha of the command renders with: its warm median was 34-44 ms against 29-35 ms without (higher
// in 6 of 6 alternated pairs of this section's loop).
keepFichaObjectsYoung();

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

// Warm-up: fonts parsed, specs compiled, code paths optimized. V8 keeps optimizing the code of a
// ficha for its first ~125 renders: after 20 rounds of the examples, the median of the next 5 rounds
// was 0-33% (typically ~17%) above those of the 25 rounds after them, which were level within the
// noise (6 runs). So "warm" is after 30 rounds (150 renders), as each worker of a year's batch
// (~350 fichas) is for most of them.
for (let i = 0; i < 30; i++) for (const t of texts) await renderFicha('warm.yaml', t);

const templates = loadTemplates();
const engine = chartEngineFor(templates);
const measurer = measurerFor(templates);

// Fichas, in-process: 50 renders each way.
const withCharts: number[] = [];
const withoutCharts: number[] = [];
const sizes = new Map<string, number>();
for (let round = 0; round < 10; round++) {
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

// Charts: Vega layout of each chart of each example, then drawing it into a page of a plain PDFKit
// document (standard fonts, none of the ficha's set-up). Measured last: feeding the drawing code
// other objects than a ficha's makes V8 re-optimize it for both, and every ficha measured after it
// paid for that: over 10 alternated runs, the median ficha took ~42 ms measured after this section
// and ~35 ms before it (lower in 9 of 10 pairs), a cost no ficha of a real process pays.
const layoutMs: number[] = [];
const drawMs: number[] = [];
const doc = new PDFDocument({ autoFirstPage: true, compress: true }) as Doc;
const fontIds = { regular: 'Helvetica', bold: 'Helvetica-Bold', italic: 'Helvetica', boldItalic: 'Helvetica-Bold' };
for (let round = 0; round < 10; round++) {
  for (const t of texts) {
    for (const c of Object.values(runStages('b.yaml', t).charts ?? {})) {
      if (!c.hasData) continue;
      let scene: Awaited<ReturnType<typeof engine.render>>['scene'] | undefined;
      layoutMs.push(await time(async () => (scene = (await engine.render({ spec: c.spec, rows: c.rows, signals: c.signals, width: 240, height: 110 })).scene)));
      drawMs.push(await time(() => drawScene(doc, fontIds, scene!, 0, 0, (s, b, z) => measurer.width(s, b ? 'bold' : 'regular', z))));
    }
  }
}
doc.end();
const perChart = layoutMs.map((l, i) => l + drawMs[i]!);

// Batches of `ficha sample` inputs, through the command as a person runs it (start-up included):
// 100 fichas with one job, 300 with all cores, and 1,000 with two jobs for the peak memory of the
// whole process (main thread and workers), read from the process itself at exit.
const BIN = new URL('../bin/ficha.js', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'ficha-bench-'));
for (const f of sampleInputs(1000, { seed: 1 })) writeFileSync(join(dir, f.name), f.text);
const all = readdirSync(dir).sort();
const subset = (n: number) => {
  const d = mkdtempSync(join(tmpdir(), `ficha-bench-${n}-`));
  for (const f of all.slice(0, n)) writeFileSync(join(d, f), readFileSync(join(dir, f)));
  return d;
};
const REPORT_RSS = `data:text/javascript,process.on('exit', () => process.stderr.write('\\nmaxrss_kb=' + process.resourceUsage().maxRSS + '\\n'))`;
function batch(inputs: string, jobs: number): { ms: number; rssMb: number; count: number } {
  const out = mkdtempSync(join(tmpdir(), 'ficha-bench-out-'));
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['--import', REPORT_RSS, BIN, 'render', inputs, '--out', out, '--quiet', '--jobs', String(jobs)], { encoding: 'utf8' });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`ficha render ${inputs}: ${r.stderr}`);
  rmSync(out, { recursive: true, force: true });
  const kb = Number(/maxrss_kb=(\d+)/.exec(r.stderr)?.[1] ?? NaN);
  return { ms, rssMb: kb / 1024, count: readdirSync(inputs).length };
}
const parallel = availableParallelism();
const [first100, first300] = [subset(100), subset(300)];
const one = batch(first100, 1);
// The 300-ficha batch is the rate the bench reports for all cores: the median of three runs, since
// this machine's speed drifts by up to 40% within minutes and a single run is one draw of that.
const manyRuns = [0, 1, 2].map(() => batch(first300, parallel));
const many = [...manyRuns].sort((a, b) => a.ms - b.ms)[1]!;
const year = batch(dir, 2);
for (const d of [first100, first300, dir]) rmSync(d, { recursive: true, force: true });
const rate = (b: { ms: number; count: number }) => b.count / (b.ms / 1000);

// Cold starts of the command, as a person runs it: with the cache folder as earlier runs left it,
// and, for a first run ever, with no cache.
const outDir = mkdtempSync(join(tmpdir(), 'ficha-cold-'));
const cold = (args: string[], env: NodeJS.ProcessEnv = process.env) =>
  median(
    Array.from({ length: 5 }, () => {
      const t0 = performance.now();
      const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env });
      if (r.status !== 0) throw new Error(`ficha ${args.join(' ')}: ${r.stderr}`);
      return performance.now() - t0;
    }),
  );
const example = join(INPUT, 'redes-oportunidades-negocios-2022.yaml');
const coldHelp = cold(['--help']);
const coldValidate = cold(['validate', example]);
const coldRender = cold(['render', example, '--out', outDir, '--quiet']);
const coldRenderNoCache = cold(['render', example, '--out', outDir, '--quiet'], { ...process.env, FICHA_CACHE_DIR: '' });
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
console.log('batches of `ficha sample` inputs, `ficha render DIR --jobs N` (start-up included)');
for (const [label, b] of [[`100 fichas, --jobs 1`, one], [`300 fichas, --jobs ${parallel}`, many], ['1000 fichas, --jobs 2', year]] as const) {
  console.log(`  ${label.padEnd(22)} ${(b.ms / 1000).toFixed(1).padStart(5)} s = ${rate(b).toFixed(1).padStart(5)} fichas/s, peak RSS ${b.rssMb.toFixed(0)} MB`);
}
console.log(`  (300 fichas: median of three runs, ${manyRuns.map((b) => `${rate(b).toFixed(1)}`).join(', ')} fichas/s)`);
console.log(`cold start: --help ${coldHelp.toFixed(0)} ms, validate ${coldValidate.toFixed(0)} ms, render ${coldRender.toFixed(0)} ms (${coldRenderNoCache.toFixed(0)} ms with no cache folder)`);
// Hostile sizes: a file of 64,000 keys, refused before the YAML parser runs, and a 2 MB
// file of 60 maps of 700 keys each, which the parser reads whole before the limits refuse it.
const keys64k = `formato: 1\n${Array.from({ length: 64_000 }, (_, i) => `k${i}: 1`).join('\n')}\n`;
const maps60 = Array.from({ length: 60 }, (_, m) => `m${m}:\n${Array.from({ length: 700 }, (_, i) => `  k${i}: 1`).join('\n')}`).join('\n');
const hostileMs = { keys_64000: await time(() => runStages('k.yaml', keys64k, { layout: false })), maps_60x700: await time(() => runStages('m.yaml', maps60, { layout: false })) };
console.log(`hostile files: validate 64.000 keys ${fmt(hostileMs.keys_64000)} ms, 60 maps of 700 keys ${fmt(hostileMs.maps_60x700)} ms`);
const r1 = (x: number) => Math.round(x * 10) / 10;
console.log(
  JSON.stringify({
    cold_ms: { help: Math.round(coldHelp), validate: Math.round(coldValidate), render: Math.round(coldRender), render_no_cache: Math.round(coldRenderNoCache) },
    ficha_ms: { charts: { median: r1(median(withCharts)), p95: r1(p95(withCharts)) }, no_charts: { median: r1(median(withoutCharts)), p95: r1(p95(withoutCharts)) } },
    stage_ms: Object.fromEntries(Object.entries(stageMs).map(([k, v]) => [k, r1(median(v))])),
    chart_ms: r1(median(perChart)),
    fichas_per_s: { jobs_1: r1(rate(one)), all_jobs: r1(rate(many)), all_jobs_runs: manyRuns.map((b) => r1(rate(b))), jobs: parallel },
    peak_rss_mb: { batch_1000_jobs_2: Math.round(year.rssMb) },
    hostile_validate_ms: { keys_64000: Math.round(hostileMs.keys_64000), maps_60x700: Math.round(hostileMs.maps_60x700) },
    pdf_kb: Object.fromEntries([...sizes].map(([f, b]) => [f.replace(/\.yaml$/, ''), Math.round(b / 1024)])),
  }),
);
