import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildServer } from '../../src/serve/server.js';
import { runStages } from '../../src/pipeline/stages.js';
import { REFERENCE_YAML } from '../helpers.js';
import { readPdf } from '../pdfRead.js';

/** The render service over real HTTP on 127.0.0.1, started and stopped by the test. */
type Server = ReturnType<typeof buildServer> & { url: string };
async function start(opts: Partial<Parameters<typeof buildServer>[0]> = {}): Promise<Server> {
  const s = buildServer({ jobs: 2, queue: 64, timeoutMs: 30_000, bodyLimitBytes: 2 * 1024 * 1024, ...opts });
  const url = await s.app.listen({ port: 0, host: '127.0.0.1' });
  return { ...s, url };
}
const yaml = { 'Content-Type': 'application/yaml' };

describe('the render API', () => {
  let s: Server;
  beforeAll(async () => (s = await start()));
  afterAll(async () => s.close());

  it('POST /api/render: the ficha as application/pdf, inline, named <id>-<anio>.pdf', async () => {
    const r = await fetch(`${s.url}/api/render`, { method: 'POST', headers: yaml, body: REFERENCE_YAML });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/pdf');
    expect(r.headers.get('content-disposition')).toBe('inline; filename="redes-oportunidades-negocios-2022.pdf"');
    expect((await readPdf(new Uint8Array(await r.arrayBuffer()))).text).toContain('REDES DE OPORTUNIDADES DE NEGOCIOS');
  });

  it('an invalid input: 422 with the diagnostics, located at the right line and column', async () => {
    const bad = REFERENCE_YAML.replace('inicial: 298370,', 'inicial: mucho,');
    const r = await fetch(`${s.url}/api/render?charts=false`, { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: bad });
    expect(r.status).toBe(422);
    const { diagnostics } = (await r.json()) as { diagnostics: { line: number; column: number; code: string; severity: string; message: string; path: string }[] };
    const line = bad.split('\n').findIndex((l) => l.includes('inicial: mucho')) + 1;
    expect(diagnostics).toContainEqual(expect.objectContaining({ line, column: bad.split('\n')[line - 1]!.indexOf('mucho') + 1, code: 'invalid-value', severity: 'error', path: 'presupuesto.por_anio.2022.inicial' }));
  });

  it('?strict=true turns warnings into errors', async () => {
    const warned = REFERENCE_YAML.replace('    2022: { objetivo: 5044, beneficiaria: 227 }', '    2022: { objetivo: 100, beneficiaria: 227 }');
    expect((await fetch(`${s.url}/api/render?charts=false`, { method: 'POST', headers: yaml, body: warned })).status).toBe(200);
    expect((await fetch(`${s.url}/api/render?charts=false&strict=true`, { method: 'POST', headers: yaml, body: warned })).status).toBe(422);
  });

  it('413 over the body limit', async () => {
    const r = await fetch(`${s.url}/api/render`, { method: 'POST', headers: yaml, body: `${REFERENCE_YAML}#${'x'.repeat(3 * 1024 * 1024)}` });
    expect(r.status).toBe(413);
  });

  it('40 concurrent renders are all answered, correctly', async () => {
    const ids = Array.from({ length: 40 }, (_, i) => `programa-${i}`);
    const answers = await Promise.all(
      ids.map(async (id) => {
        const r = await fetch(`${s.url}/api/render?charts=false`, { method: 'POST', headers: yaml, body: REFERENCE_YAML.replace('id: redes-oportunidades-negocios', `id: ${id}`) });
        return { id, status: r.status, name: r.headers.get('content-disposition'), bytes: (await r.arrayBuffer()).byteLength };
      }),
    );
    for (const a of answers) expect(a).toMatchObject({ status: 200, name: `inline; filename="${a.id}-2022.pdf"` });
    expect(Math.min(...answers.map((a) => a.bytes))).toBeGreaterThan(20_000);
  });

  it('POST /api/validate, GET /api/schema, /healthz, and /metrics counting what happened', async () => {
    const v = (await (await fetch(`${s.url}/api/validate`, { method: 'POST', headers: yaml, body: REFERENCE_YAML })).json()) as { valid: boolean; diagnostics: unknown[] };
    expect(v).toEqual({ valid: true, diagnostics: [] });
    const schema = (await (await fetch(`${s.url}/api/schema`)).json()) as { $schema: string };
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(await (await fetch(`${s.url}/healthz`)).json()).toEqual({ status: 'ok' });
    const metrics = await (await fetch(`${s.url}/metrics`)).text();
    expect(metrics).toMatch(/ficha_renders_total (\d+)/);
    expect(Number(/ficha_renders_total (\d+)/.exec(metrics)![1])).toBeGreaterThanOrEqual(42);
    expect(metrics).toMatch(/ficha_http_requests_total\{route="\/api\/render",status="422"\} [1-9]/);
    expect(metrics).toMatch(/ficha_render_seconds_count \d+/);
    expect(metrics).toContain('ficha_queue_length');
  });

  it('/api/validate gives the CLI\'s messages, sorted by line, with the value meant; an unknown route is answered in Spanish', async () => {
    const body = REFERENCE_YAML.replace('criterios: sin_deficiencias', 'criterios: sin_deficiencia').replace('final: 522147', 'final: 5.221.470');
    const v = (await (await fetch(`${s.url}/api/validate`, { method: 'POST', headers: yaml, body })).json()) as { diagnostics: { line: number; code: string; suggestion: string | null; message: string }[] };
    const cli = runStages('entrada.yaml', body, { layout: false }).diagnostics;
    expect(v.diagnostics.map((d) => [d.line, d.code, d.suggestion, d.message])).toEqual(cli.map((d) => [d.line, d.code, d.suggestion, d.message]));
    expect(v.diagnostics.map((d) => d.suggestion)).toEqual(['5221470', 'sin_deficiencias']);
    expect(v.diagnostics[0]!.line).toBeLessThan(v.diagnostics[1]!.line);
    const missing = await fetch(`${s.url}/api/nada`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: 'no existe GET /api/nada' });
  });

  it('the editor page has a strict Content-Security-Policy and no CORS by default', async () => {
    const r = await fetch(`${s.url}/`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(r.headers.get('access-control-allow-origin')).toBeNull();
    expect(await r.text()).toContain('<script type="module" src="/assets/editor.js"></script>');
  });
});

describe('a saturated server', () => {
  it('answers 503 with Retry-After when the queue is full', async () => {
    const s = await start({ jobs: 1, queue: 1 });
    try {
      const statuses = await Promise.all(
        Array.from({ length: 8 }, async () => {
          const r = await fetch(`${s.url}/api/render`, { method: 'POST', headers: yaml, body: REFERENCE_YAML });
          return { status: r.status, retry: r.headers.get('retry-after') };
        }),
      );
      expect(statuses.filter((x) => x.status === 200).length).toBeGreaterThanOrEqual(1);
      const refused = statuses.filter((x) => x.status === 503);
      expect(refused.length).toBeGreaterThanOrEqual(1);
      for (const x of refused) expect(Number(x.retry)).toBeGreaterThan(0);
    } finally {
      await s.close();
    }
  });
  it('--cors ORIGIN allows that origin only', async () => {
    const s = await start({ jobs: 1, cors: 'https://portal.ejemplo.cl' });
    try {
      expect((await fetch(`${s.url}/healthz`)).headers.get('access-control-allow-origin')).toBe('https://portal.ejemplo.cl');
    } finally {
      await s.close();
    }
  });
});

describe('the server and the cache folder', () => {
  it('writes what its workers added (the words they shaped) when it closes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ficha-serve-cache-'));
    vi.stubEnv('FICHA_CACHE_DIR', dir);
    try {
      const s = await start({ jobs: 1 });
      const r = await fetch(`${s.url}/api/render?charts=false`, { method: 'POST', headers: yaml, body: REFERENCE_YAML });
      expect(r.status).toBe(200);
      expect(readdirSync(dir).filter((f) => f.startsWith('pdfkit-runs-'))).toEqual([]);
      await s.close();
      expect(readdirSync(dir).filter((f) => /^pdfkit-runs-2-[0-9a-f]+\.bin$/.test(f)).length).toBeGreaterThan(0);
    } finally {
      vi.unstubAllEnvs();
    }
  }, 30_000);
});
