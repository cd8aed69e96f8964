// The summary page in a real browser: Debian's Chromium driven by playwright-core (`npm run
// check:pdf`, which .ci/run runs after installing chromium). The server runs on 127.0.0.1.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { renderedSamples } from '../samples.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/serve/server.js';

let browser: Browser;
let server: ReturnType<typeof buildServer>;
let url = '';
beforeAll(async () => {
  const dir = await renderedSamples(20, 5);
  server = buildServer({ jobs: 1, queue: 8, timeoutMs: 30_000, bodyLimitBytes: 1024 * 1024, summaryDir: dir });
  url = await server.app.listen({ port: 0, host: '127.0.0.1' });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** The visible rows' cells of one column, as shown. */
const column = (page: Page, index: number) => page.$$eval('#programas tbody tr:not([hidden])', (rows, i) => rows.map((r) => (r as HTMLTableRowElement).cells[i]!.dataset.valor ?? ''), index);

describe('the summary page', () => {
  it('sorts by a column both ways, filters by ministry and by text, and links each program to its PDF', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`${url}/resumen`);
    const all = (await column(page, 0)).length;
    mkdirSync(resolve(import.meta.dirname, '../../output'), { recursive: true });
    await page.screenshot({ path: resolve(import.meta.dirname, '../../output/resumen.png') });
    expect(all).toBe(20);

    // Cobertura (column 4): ascending, then descending; S/I last both ways.
    await page.click('#programas th:nth-child(5)');
    const up = (await column(page, 4)).filter(Boolean).map(Number);
    expect(up).toEqual([...up].sort((a, b) => a - b));
    expect(await page.getAttribute('#programas th:nth-child(5)', 'aria-sort')).toBe('ascending');
    await page.click('#programas th:nth-child(5)');
    const down = (await column(page, 4)).filter(Boolean).map(Number);
    expect(down).toEqual([...up].sort((a, b) => b - a));

    // Programa (column 2), by keyboard: Spanish order.
    await page.focus('#programas th:nth-child(3)');
    await page.keyboard.press('Enter');
    const names = await column(page, 2);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'es')));

    // One ministry: only its rows, and the count says how many.
    const ministry = (await column(page, 0))[0]!;
    await page.selectOption('#ministerio', ministry);
    const only = await column(page, 0);
    expect(only.length).toBeGreaterThan(0);
    expect(only.length).toBeLessThan(all);
    expect(new Set(only)).toEqual(new Set([ministry]));
    expect(await page.textContent('#cuenta')).toBe(`${only.length} programa${only.length === 1 ? '' : 's'}`);

    // Text, accents ignored, within the ministry.
    const first = only.length ? (await column(page, 2))[0]! : '';
    const word = first.split(' ').find((w) => w.length > 5)!.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
    await page.fill('#buscar', word);
    const found = await column(page, 2);
    expect(found).toContain(first);
    for (const n of found) expect(n.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase()).toContain(word);

    // Each program opens its ficha.
    const href = await page.getAttribute('#programas tbody tr:not([hidden]) a', 'href');
    const pdf = await page.request.get(`${url}${href}`);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
    expect(errors).toEqual([]);
  }, 60_000);
});
