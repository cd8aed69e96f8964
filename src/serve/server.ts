import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import cors from '@fastify/cors';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { Tinypool } from 'tinypool';
import type { RenderJob, RenderOutcome } from '../batch/renderOne.js';
import { WORKER_URL } from '../batch/workerUrl.js';
import { fromWorker, WORKER_LIMITS } from '../batch/dispatch.js';
import type { WorkerOutcome } from '../batch/worker.js';
import { flushCaches } from '../cache/diskCache.js';
import { hasErrors } from '../diagnostics/diagnostic.js';
import { PACKAGE_ROOT } from '../paths.js';
import { inputJsonSchema } from '../validate/jsonSchema.js';
import { editorPage } from './page.js';
import { SUMMARY_SCRIPT, summaryPage } from './summaryPage.js';
import { collectFolder, type Collected } from '../summary/collect.js';
import { renderSummary } from '../summary/render.js';

export interface ServeOptions {
  templatesDir?: string;
  /** Worker threads rendering fichas. */
  jobs: number;
  /** Renders waiting beyond those in progress; past it, 503 with Retry-After. */
  queue: number;
  /** Per-render time limit. */
  timeoutMs: number;
  bodyLimitBytes: number;
  /** Access-Control-Allow-Origin for this origin only; none by default. */
  cors?: string;
  /** Time a client has to send its headers and whole body (slow clients are cut off); default 10 s. */
  clientTimeoutMs?: number;
  /** The worker module (tests give one that fails); default: the renderer's. */
  workerFile?: string;
  /** An output folder whose year is shown at /resumen (its fichas at /resumen/fichas/). */
  summaryDir?: string;
}

const WORKER = WORKER_URL;
/** How often the server writes what its workers added to the cache folder (and when it closes). */
const CACHE_WRITES_MS = 10_000;
const YAML_TYPES = ['application/yaml', 'application/x-yaml', 'text/yaml', 'text/plain'];

/**
 * The render service and the editor page: stateless (every request carries its YAML), so several
 * instances behind any load balancer serve a larger organization. Requests never name files or
 * templates; renders run on a warm pool of worker threads, so the server answers while they work.
 */
export function buildServer(opts: ServeOptions): { app: FastifyInstance; close: () => Promise<void> } {
  const clientTimeout = opts.clientTimeoutMs ?? 10_000;
  const app = Fastify({
    bodyLimit: opts.bodyLimitBytes,
    logger: false,
    // A client that sends its request slowly (slowloris) is answered 408 and cut off; Node checks
    // every second (its default is 30 s). Closing the server closes every connection at once.
    requestTimeout: clientTimeout,
    http: { headersTimeout: clientTimeout, connectionsCheckingInterval: Math.min(1000, clientTimeout) },
    forceCloseConnections: true,
  });
  // With --cors, browsers on that origin may call the API, preflight (OPTIONS) included.
  if (opts.cors) void app.register(cors, { origin: opts.cors, methods: ['GET', 'POST'], allowedHeaders: ['Content-Type'], maxAge: 600 });
  const pool = new Tinypool({ filename: opts.workerFile ?? WORKER, minThreads: opts.jobs, maxThreads: opts.jobs, maxQueue: opts.queue, resourceLimits: WORKER_LIMITS });
  // The workers only read the cache folder; what they add (shaped words…) comes back with each
  // ficha and is written from here, so that a restarted server does not shape those words again.
  const cacheWrites = setInterval(flushCaches, CACHE_WRITES_MS);
  cacheWrites.unref();
  const registry = new Registry();
  const requests = new Counter({ name: 'ficha_http_requests_total', help: 'Peticiones HTTP por ruta y código', labelNames: ['route', 'status'], registers: [registry] });
  const renders = new Counter({ name: 'ficha_renders_total', help: 'Fichas generadas', registers: [registry] });
  const failures = new Counter({ name: 'ficha_render_failures_total', help: 'Generaciones con errores, vencidas o rechazadas', labelNames: ['reason'], registers: [registry] });
  const seconds = new Histogram({ name: 'ficha_render_seconds', help: 'Tiempo de generación de una ficha', buckets: [0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10], registers: [registry] });
  new Gauge({ name: 'ficha_queue_length', help: 'Fichas en espera', registers: [registry], collect() { this.set(pool.queueSize); } });

  app.addContentTypeParser(YAML_TYPES, { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
  app.addHook('onResponse', async (req, reply) => requests.inc({ route: req.routeOptions.url ?? 'desconocida', status: String(reply.statusCode) }));
  app.addHook('onSend', async (_req, reply) => {
    reply.header('X-Content-Type-Options', 'nosniff');
  });
  app.setErrorHandler((err: { statusCode?: number; message: string; code?: string }, req, reply) => {
    const status = err.statusCode ?? 500;
    if (req.routeOptions.url?.startsWith('/api/')) failures.inc({ reason: status === 413 ? 'cuerpo demasiado grande' : status === 415 ? 'tipo de contenido' : status === 408 ? 'cliente lento' : status < 500 ? 'petición no válida' : 'falla interna' });
    // Fastify's own messages are English: a client reads what went wrong in Spanish, by status.
    const message =
      status === 413
        ? `el cuerpo supera el límite de ${Math.round(opts.bodyLimitBytes / 1024 / 1024)} MB`
        : status === 415
          ? 'se esperaba el YAML como application/yaml o text/plain'
          : status === 408
            ? 'la petición tardó demasiado en llegar'
            : status < 500
              ? `petición no válida (HTTP ${status})`
              : 'falla interna';
    reply.status(status).send({ error: message });
  });

  const toApi = (d: { line?: number; column?: number; severity: string; code: string; message: string; path?: string; suggestion?: string }) => ({ line: d.line ?? null, column: d.column ?? null, severity: d.severity, code: d.code, message: d.message, path: d.path ?? null, suggestion: d.suggestion ?? null });
  const bodyOf = (body: unknown): Buffer | undefined => (Buffer.isBuffer(body) ? body : typeof body === 'string' ? Buffer.from(body) : undefined);

  /**
   * One job on the worker pool within --timeout: rendering and validating both run off the event
   * loop, so /healthz answers while a request is being worked on. Undefined: the answer was sent.
   */
  const onPool = async (job: RenderJob, reply: FastifyReply): Promise<RenderOutcome | undefined> => {
    const stop = seconds.startTimer();
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), opts.timeoutMs);
    try {
      const o = fromWorker((await pool.run(job, { signal: abort.signal })) as WorkerOutcome);
      if (o.crash) {
        failures.inc({ reason: 'falla interna' });
        void reply.status(500).send({ error: 'falla interna' });
        return undefined;
      }
      return o;
    } catch (err) {
      if (abort.signal.aborted) {
        failures.inc({ reason: 'tiempo' });
        void reply.status(503).header('Retry-After', '5').send({ error: `la petición no terminó en ${opts.timeoutMs / 1000} s` });
        return undefined;
      }
      if (/queue is at limit/i.test((err as Error).message)) {
        failures.inc({ reason: 'cola llena' });
        void reply.status(503).header('Retry-After', '2').send({ error: 'el servidor está ocupado: reintente en unos segundos' });
        return undefined;
      }
      throw err;
    } finally {
      clearTimeout(timer);
      if (!job.validateOnly) stop();
    }
  };

  app.post('/api/render', async (req, reply) => {
    const bytes = bodyOf(req.body);
    if (!bytes) {
      failures.inc({ reason: 'tipo de contenido' });
      return reply.status(415).send({ error: 'se esperaba el YAML como application/yaml o text/plain' });
    }
    const q = req.query as { charts?: string; strict?: string };
    const o = await onPool({ file: 'entrada.yaml', bytes: new Uint8Array(bytes), templatesDir: opts.templatesDir, charts: q.charts !== 'false', strict: q.strict === 'true' }, reply);
    if (!o) return reply;
    if (!o.pdf || hasErrors(o.diagnostics)) {
      failures.inc({ reason: 'entrada no válida' });
      return reply.status(422).send({ diagnostics: o.diagnostics.map(toApi) });
    }
    renders.inc();
    return reply
      .header('Content-Type', 'application/pdf')
      .header('Content-Disposition', `inline; filename="${o.fileName}"`)
      .send(Buffer.from(o.pdf));
  });

  app.post('/api/validate', async (req, reply) => {
    const bytes = bodyOf(req.body);
    if (!bytes) {
      failures.inc({ reason: 'tipo de contenido' });
      return reply.status(415).send({ error: 'se esperaba el YAML como application/yaml o text/plain' });
    }
    const o = await onPool({ file: 'entrada.yaml', bytes: new Uint8Array(bytes), templatesDir: opts.templatesDir, validateOnly: true }, reply);
    if (!o) return reply;
    return { valid: !hasErrors(o.diagnostics), diagnostics: o.diagnostics.map(toApi) };
  });

  const schema = inputJsonSchema();
  app.get('/api/schema', async () => schema);
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.setNotFoundHandler((req, reply) => reply.status(404).send({ error: `no existe ${req.method} ${req.url.split('?')[0]}` }));
  app.get('/favicon.ico', async (_req, reply) => reply.status(204).send());
  app.get('/metrics', async (_req, reply) => reply.header('Content-Type', registry.contentType).send(await registry.metrics()));

  // The editor page and its two scripts, built by `npm run build` and served by the server itself.
  const example = join(PACKAGE_ROOT, 'input', 'redes-oportunidades-negocios-2022.yaml');
  const exampleText = existsSync(example) ? readFileSync(example, 'utf8') : '';
  app.get('/', async (_req, reply) =>
    reply
      .header('Content-Type', 'text/html; charset=utf-8')
      .header('Content-Security-Policy', "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; worker-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'")
      .send(editorPage()),
  );
  app.get('/api/example', async (_req, reply) => reply.header('Content-Type', 'application/yaml; charset=utf-8').send(exampleText));
  const asset = (name: string, path: string, type: string) =>
    app.get(`/assets/${name}`, async (_req, reply) => {
      if (!existsSync(path)) return reply.status(404).send({ error: `${name} no está construido: npm run build` });
      return reply.header('Content-Type', type).header('Cache-Control', 'max-age=3600').send(readFileSync(path));
    });
  asset('editor.js', join(PACKAGE_ROOT, 'dist', 'editor', 'editor.js'), 'text/javascript; charset=utf-8');
  asset('pdf.worker.mjs', createRequire(import.meta.url).resolve('pdfjs-dist/legacy/build/pdf.worker.min.mjs'), 'text/javascript; charset=utf-8');

  if (opts.summaryDir) summaryRoutes(app, opts.summaryDir);

  const close = async () => {
    clearInterval(cacheWrites);
    await app.close();
    await pool.destroy();
    flushCaches();
  };
  return { app, close };
}

/**
 * /resumen: the folder's year as a page, /resumen/datos.json the same programs for other systems,
 * /resumen/fichas/<pdf> each ficha. The folder is read again when its manifest changes (a new
 * batch); only the PDFs of its current fichas are served, by name, so no request reaches another file.
 */
function summaryRoutes(app: FastifyInstance, dir: string): void {
  let cached: { stamp: string; collected: Promise<Collected> } | undefined;
  const current = () => {
    const st = statSync(join(dir, 'manifest.json'));
    const stamp = `${st.mtimeMs}:${st.size}`;
    if (cached?.stamp !== stamp) cached = { stamp, collected: collectFolder(dir) };
    return cached.collected;
  };
  // Read the folder once at start: the first visitor does not wait for it.
  current().catch(() => undefined);
  const page = "default-src 'self'; script-src 'self'; style-src 'unsafe-inline'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";
  app.get('/resumen', async (_req, reply) => {
    const { programs } = await current();
    return reply.header('Content-Type', 'text/html; charset=utf-8').header('Content-Security-Policy', page).send(summaryPage(programs));
  });
  app.get('/resumen/tabla.js', async (_req, reply) => reply.header('Content-Type', 'text/javascript; charset=utf-8').send(SUMMARY_SCRIPT));
  app.get('/resumen/datos.json', async () => ({ programas: (await current()).programs }));
  // The same overview as ficha summary's PDF, made when asked, once per state of the folder.
  let pdf: { stamp: string; bytes: Promise<Buffer> } | undefined;
  app.get('/resumen.pdf', async (_req, reply) => {
    const { programs } = await current();
    if (pdf?.stamp !== cached!.stamp) pdf = { stamp: cached!.stamp, bytes: renderSummary(programs).then((r) => r.pdf) };
    return reply.header('Content-Type', 'application/pdf').header('Content-Disposition', 'inline; filename="resumen.pdf"').send(await pdf.bytes);
  });
  app.get<{ Params: { pdf: string } }>('/resumen/fichas/:pdf', async (req, reply) => {
    const { programs } = await current();
    const p = programs.find((x) => x.pdf === req.params.pdf);
    if (!p) return reply.status(404).send({ error: `${req.params.pdf} no es una ficha vigente de la carpeta` });
    return reply.header('Content-Type', 'application/pdf').header('Content-Disposition', `inline; filename="${p.pdf}"`).send(readFileSync(join(dir, p.pdf)));
  });
}
