import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderedSamples } from '../samples.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readManifest } from '../../src/batch/manifest.js';
import { buildServer } from '../../src/serve/server.js';
import { readPdf } from '../pdfRead.js';

let dir = '';
let server: ReturnType<typeof buildServer>;
let url = '';
beforeAll(async () => {
  dir = await renderedSamples(12, 3);
  server = buildServer({ jobs: 1, queue: 8, timeoutMs: 30_000, bodyLimitBytes: 1024 * 1024, summaryDir: dir });
  url = await server.app.listen({ port: 0, host: '127.0.0.1' });
}, 60_000);
afterAll(async () => server?.close());

describe('ficha serve --summary', () => {
  it('shows every current ficha of the folder in one table, each opening its PDF', async () => {
    const rows = readManifest(join(dir, 'manifest.json')).filas;
    const page = await fetch(`${url}/resumen`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await page.text();
    expect(html.match(/<tr data-ministerio=/g)).toHaveLength(rows.length);
    // The counts of the PDF summary: fichas by ministry and methodology, with the total.
    expect(html).toContain('Fichas por ministerio y metodología');
    expect(html).toMatch(new RegExp(`<th scope="row">Total</th>(<td class="num">\\d+</td>)*<td class="num">${rows.length}</td>`));
    for (const r of rows) expect(html).toContain(`href="/resumen/fichas/${r.pdf}"`);
    const pdf = await fetch(`${url}/resumen/fichas/${rows[0]!.pdf}`);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.compare(Buffer.from(await pdf.arrayBuffer()), readFileSync(join(dir, rows[0]!.pdf)))).toBe(0);
    const data = (await (await fetch(`${url}/resumen/datos.json`)).json()) as { programas: { pdf: string }[] };
    expect(data.programas.map((p) => p.pdf).sort()).toEqual(rows.map((r) => r.pdf).sort());
    expect((await fetch(`${url}/resumen/tabla.js`)).headers.get('content-type')).toMatch(/javascript/);
    // The PDF summary of the same folder, linked from the page.
    expect(html).toContain('href="/resumen.pdf"');
    const summary = await fetch(`${url}/resumen.pdf`);
    expect(summary.headers.get('content-type')).toBe('application/pdf');
    const text = (await readPdf(new Uint8Array(await summary.arrayBuffer()))).text;
    expect(text).toContain(`${rows.length} fichas de`);
  });

  it('serves no other file of the folder, nor any outside it', async () => {
    for (const name of ['manifest.json', '..%2F..%2Fetc%2Fpasswd', '%2Fetc%2Fpasswd', 'no-existe-2025.pdf']) {
      const r = await fetch(`${url}/resumen/fichas/${name}`);
      expect(r.status, name).toBe(404);
    }
  });
});
