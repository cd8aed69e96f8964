import { spawnSync } from 'node:child_process';
import { mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { connect, createServer, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/program.js';
import { serveCommand } from '../../src/cli/serve.js';
import { runStages } from '../../src/pipeline/stages.js';
import { breakLines } from '../../src/layout/lines.js';
import { renderFicha } from '../../src/pipeline/pipeline.js';
import { buildServer } from '../../src/serve/server.js';
import { BIN } from '../cli/bin.js';
import { REFERENCE_YAML } from '../helpers.js';
import { readPdf } from '../pdfRead.js';

/**
 * Hostile files and slow peers, second round: one test per reproduction. Each failed before
 * (a hang, a flood of memory, a stalled server, a stack trace, a silent wrong value).
 */
const tmp = () => mkdtempSync(join(tmpdir(), 'ficha-hostile2-'));
afterEach(() => vi.restoreAllMocks());

/** The built command in a child process, cut off after 20 s: a hang fails the test instead of the suite. */
function ficha(...args: string[]) {
  const started = performance.now();
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 20_000, env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, err: r.stderr, out: r.stdout, timedOut: r.error !== undefined, seconds: (performance.now() - started) / 1000 };
}

/** `ficha …` in this process, its console captured. */
async function inProcess(...args: string[]) {
  const lines: string[] = [];
  const push = (...a: unknown[]) => void lines.push(a.map(String).join(' '));
  vi.spyOn(console, 'log').mockImplementation(push);
  vi.spyOn(console, 'error').mockImplementation(push);
  vi.spyOn(process.stderr, 'write').mockImplementation((c: string | Uint8Array) => (push(String(c)), true));
  const code = await main(['node', 'ficha', ...args]);
  vi.restoreAllMocks();
  return { code: code ?? process.exitCode, text: lines.join('\n') };
}

describe('files that are not files', () => {
  it.runIf(process.platform !== 'win32')('a FIFO named x.yaml beside a good input: an io diagnostic and exit 1, for render and validate, in seconds', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'bueno.yaml'), REFERENCE_YAML);
    expect(spawnSync('mkfifo', [join(dir, 'x.yaml')]).status).toBe(0);
    for (const args of [['validate', dir], ['render', dir, '--out', join(dir, 'out'), '--quiet']]) {
      const r = ficha(...args);
      expect(r.timedOut, args.join(' ')).toBe(false);
      expect(r.code, r.err).toBe(1);
      expect(r.err).toContain('x.yaml');
      expect(r.err).toContain('es una tubería (FIFO)');
      expect(r.seconds).toBeLessThan(15);
    }
  });

  it.runIf(process.platform === 'linux')('a link to /dev/zero is refused without reading it (no flood of memory)', () => {
    const dir = tmp();
    symlinkSync('/dev/zero', join(dir, 'z.yaml'));
    const r = ficha('validate', dir);
    expect(r.timedOut).toBe(false);
    expect(r.code).toBe(1);
    expect(r.err).toContain('es un dispositivo');
  });

  it('a symbolic link loop inside the input folder is an io diagnostic, exit 1, not «falla interna» (exit 3)', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'bueno.yaml'), REFERENCE_YAML);
    symlinkSync(join(dir, 'b.yaml'), join(dir, 'a.yaml'));
    symlinkSync(join(dir, 'a.yaml'), join(dir, 'b.yaml'));
    const r = ficha('render', dir, '--out', join(dir, 'out'), '--quiet');
    expect(r.code, r.err).toBe(1);
    expect(r.err).toContain('enlace simbólico circular');
    expect(r.err).not.toContain('falla interna');
  });
});

describe('files made to be slow or deep', () => {
  it('64,000 keys are refused before parsing (before: 44 s of quadratic key checks)', () => {
    const text = `formato: 1\n${Array.from({ length: 64_000 }, (_, i) => `k${i}: 1`).join('\n')}\n`;
    const started = performance.now();
    const d = runStages('k.yaml', text, { layout: false }).diagnostics;
    // Measurement note, not an assertion: about 0.05 s here (the bench prints it too).
    console.info(`64.000 claves: ${Math.round(performance.now() - started)} ms`);
    expect(d.map((x) => [x.code, x.line])).toEqual([['too-many-items', 801]]);
  });

  it('800 repeated keys are found in linear time, each a duplicate-key', () => {
    const text = `formato: 1\n${Array.from({ length: 150 }, () => 'k: 1').join('\n')}\n`;
    const d = runStages('k.yaml', text, { layout: false }).diagnostics;
    expect(d.filter((x) => x.code === 'duplicate-key').length).toBeGreaterThanOrEqual(19);
    expect(d[0]!.message).toContain('clave duplicada «k»');
  });

  it.each([
    ['[ x 100,000', `a: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`],
    ['{ x 100,000', `a: ${'{a: '.repeat(100_000)}1${'}'.repeat(100_000)}\n`],
    ['- x 100,000', `${'- '.repeat(100_000)}1\n`],
  ])('100,000 nested levels (%s) are too-deep, not «Maximum call stack size exceeded»', (_, text) => {
    const d = runStages('d.yaml', text, { layout: false }).diagnostics;
    expect(d.map((x) => x.code)).toEqual(['too-deep']);
  });

  it('a text of only non-breaking spaces is an empty text, said in Spanish', () => {
    const d = runStages('n.yaml', REFERENCE_YAML.replace('nombre: Redes de Oportunidades de Negocios', 'nombre: "\u00a0\u00a0\u00a0"'), { layout: false }).diagnostics;
    expect(d).toHaveLength(1);
    expect(d[0]!.message).toMatch(/^se esperaba un texto no vacío/);
    expect(d[0]!.message).not.toMatch(/Too small|expected/);
  });
});

describe('options read strictly', () => {
  /** Renders the reference with `option value` for each value: each must be a usage error saying `words`. */
  async function refused(option: string, values: string[], words: string) {
    const dir = tmp();
    writeFileSync(join(dir, 'r.yaml'), REFERENCE_YAML);
    for (const value of values) {
      const r = await inProcess('render', dir, '--out', join(dir, 'out'), option, value, '--quiet');
      expect(r.code, value).toBe(2);
      expect(r.text).toContain(words);
    }
    return dir;
  }

  it('--date 2023-02-30 is refused (it became 2023-03-02 in the PDF)', async () => {
    const dir = await refused('--date', ['2023-02-30', '2023-13-01', '2023-04-31T10:00', '2023-01-01T24:00'], '--date: se esperaba una fecha ISO 8601 que exista');
    expect((await inProcess('render', dir, '--out', join(dir, 'out'), '--date', '2024-02-29T10:30:00-03:00', '--quiet')).code).toBe(0);
  });

  it('--shard 1/99999999999999999999999 is refused: at most 1000 shards', async () => {
    await refused('--shard', ['1/99999999999999999999999', '1/1001', '0/4', '5/4'], '<= 1000');
  });
});

describe('soft hyphens and zero-width spaces', () => {
  const m = { width: (s: string) => [...s].length } as never;
  const texts = (runs: string, width: number) => breakLines([{ text: runs, bold: false }], width, 1, m).map((l) => l.segments.map((s) => s.text).join(''));

  it('break a word where it does not fit, with a hyphen (soft) or nothing (zero-width), and are invisible elsewhere', () => {
    expect(texts('desa\u00adrrollo', 20)).toEqual(['desarrollo']);
    expect(texts('desa\u00adrrollo', 7)).toEqual(['desa-', 'rrollo']);
    expect(texts('la desa\u00adrro\u00adllo', 11)).toEqual(['la desarro-', 'llo']);
    expect(texts('www.\u200bejemplo.cl', 8)).toEqual(['www.', 'ejemplo.', 'cl']);
    expect(texts('a www.\u200bejemplo.cl', 30)).toEqual(['a www.ejemplo.cl']);
  });

  it('in a rendered ficha, a narrative full of soft hyphens shows no hyphen except at line ends', async () => {
    const word = 'inter\u00adinstitu\u00adcional';
    const text = REFERENCE_YAML.replace(/(\n {2}descripcion: >-\n)/, `$1    ${Array.from({ length: 40 }, () => word).join(' ')}\n`);
    expect(text).not.toBe(REFERENCE_YAML);
    const r = await renderFicha('s.yaml', text, { charts: false });
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const pdf = await readPdf(r.pdf!);
    const lines = pdf.pages.flatMap((p) => p.lines).filter((l) => l.includes('inter'));
    expect(lines.length).toBeGreaterThan(3);
    for (const l of lines) expect(l.replace(/-$/, ''), l).not.toContain('-');
    expect(pdf.text).not.toContain('\u00ad');
  });
});

describe('the server under slow peers', () => {
  const start = async (extra: Partial<Parameters<typeof buildServer>[0]> = {}) => {
    const s = buildServer({ jobs: 1, queue: 8, timeoutMs: 20_000, bodyLimitBytes: 5 * 1024 * 1024, clientTimeoutMs: 1000, ...extra });
    const url = await s.app.listen({ port: 0, host: '127.0.0.1' });
    return { ...s, url };
  };

  it('20 clients sending their bodies slowly are cut off within seconds, and closing does not wait for them', async () => {
    const s = await start();
    const { port } = s.app.server.address() as AddressInfo;
    const closedAt: number[] = [];
    const t0 = performance.now();
    const sockets: Socket[] = [];
    const timers: NodeJS.Timeout[] = [];
    await Promise.all(
      Array.from({ length: 20 }, () => new Promise<void>((done) => {
        const c = connect(port, '127.0.0.1', () => {
          c.write('POST /api/validate HTTP/1.1\r\nHost: x\r\nContent-Type: application/yaml\r\nContent-Length: 100000\r\n\r\n');
          timers.push(setInterval(() => c.writable && c.write('a'), 200));
          done();
        });
        c.on('error', () => undefined);
        c.on('close', () => closedAt.push(performance.now() - t0));
        sockets.push(c);
      })),
    );
    await vi.waitFor(() => expect(closedAt.length).toBe(20), { timeout: 8000, interval: 100 });
    expect(Math.max(...closedAt)).toBeLessThan(8000);
    timers.forEach(clearInterval);
    // Another slow client, then close: close ends it instead of waiting for it.
    const late = connect(port, '127.0.0.1');
    late.on('error', () => undefined);
    await new Promise((r) => late.on('connect', r));
    late.write('POST /api/validate HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n');
    const closing = performance.now();
    await s.close();
    expect(performance.now() - closing).toBeLessThan(3000);
    late.destroy();
  }, 20_000);

  it('/healthz answers while a slow validation runs: validation is off the event loop', async () => {
    const s = await start();
    const heavy = Array.from({ length: 60 }, (_, m) => `m${m}:\n${Array.from({ length: 700 }, (_, i) => `  k${i}: 1`).join('\n')}`).join('\n');
    const order: string[] = [];
    const validating = fetch(`${s.url}/api/validate`, { method: 'POST', headers: { 'Content-Type': 'application/yaml' }, body: heavy }).then(async (r) => {
      order.push('validate');
      return r.json();
    });
    await new Promise((r) => setTimeout(r, 150));
    await fetch(`${s.url}/healthz`).then(() => order.push('healthz'));
    const v = (await validating) as { diagnostics: { code: string }[] };
    expect(order).toEqual(['healthz', 'validate']);
    expect(v.diagnostics.map((d) => d.code)).toContain('too-many-items');
    await s.close();
  }, 30_000);

  it('with --cors, a browser\'s preflight OPTIONS gets the methods and headers it asks for', async () => {
    const s = await start({ cors: 'https://analistas.example' });
    const r = await fetch(`${s.url}/api/render`, { method: 'OPTIONS', headers: { Origin: 'https://analistas.example', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' } });
    expect(r.status).toBe(204);
    expect(r.headers.get('access-control-allow-origin')).toBe('https://analistas.example');
    expect(r.headers.get('access-control-allow-methods')).toContain('POST');
    expect(r.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('content-type');
    const v = await fetch(`${s.url}/api/validate`, { method: 'POST', headers: { Origin: 'https://analistas.example', 'Content-Type': 'application/yaml' }, body: REFERENCE_YAML });
    expect(v.headers.get('access-control-allow-origin')).toBe('https://analistas.example');
    await s.close();
  });

  it('every failure is counted by its cause, a 500 from a failing worker included', async () => {
    const s = await start({ workerFile: resolve(import.meta.dirname, 'failingWorker.mjs') });
    expect((await fetch(`${s.url}/api/render`, { method: 'POST', headers: { 'Content-Type': 'application/yaml' }, body: REFERENCE_YAML })).status).toBe(500);
    expect((await fetch(`${s.url}/api/render`, { method: 'POST', headers: { 'Content-Type': 'image/png' }, body: 'x' })).status).toBe(415);
    const metrics = await (await fetch(`${s.url}/metrics`)).text();
    expect(metrics).toMatch(/ficha_render_failures_total\{reason="falla interna"\} 1/);
    expect(metrics).toMatch(/ficha_render_failures_total\{reason="tipo de contenido"\} 1/);
    await s.close();
  });

  it('a port in use is one Spanish line and exit 2', async () => {
    const busy = createServer();
    await new Promise<void>((r) => busy.listen(0, '127.0.0.1', () => r()));
    const { port } = busy.address() as AddressInfo;
    const err: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
    const code = await serveCommand({ port: String(port), host: '127.0.0.1', jobs: '1', queue: '4', timeout: '30', bodyLimit: '5' });
    busy.close();
    expect(code).toBe(2);
    expect(err).toEqual([`ficha serve: el puerto ${port} de 127.0.0.1 ya está en uso (¿otra instancia de ficha serve?): elija otro con --port`]);
  });
});
