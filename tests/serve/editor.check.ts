// The editor page in a real browser: Debian's Chromium driven by playwright-core (`npm run
// check:pdf`, which .ci/run runs after installing chromium). The server runs on 127.0.0.1.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/serve/server.js';

let browser: Browser;
let server: ReturnType<typeof buildServer>;
let url = '';
beforeAll(async () => {
  server = buildServer({ jobs: 1, queue: 8, timeoutMs: 30_000, bodyLimitBytes: 2 * 1024 * 1024 });
  url = await server.app.listen({ port: 0, host: '127.0.0.1' });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the editor page', () => {
  it('loads, marks an invalid value at its line, clears it when fixed, and previews the ficha', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`${url}/`);
    await page.waitForSelector('#vista canvas', { timeout: 60_000 });
    expect(await page.locator('#vista canvas').count()).toBeGreaterThanOrEqual(5);

    // Type an invalid amount where the 2022 initial budget is.
    const line = await page.evaluate(() => {
      const view = (window as unknown as { fichaEditor: { state: { doc: { toString(): string; lineAt(p: number): { number: number } } }; dispatch(t: object): void; focus(): void } }).fichaEditor;
      const text = view.state.doc.toString();
      const at = text.indexOf('inicial: 298370');
      view.dispatch({ selection: { anchor: at + 'inicial: '.length, head: at + 'inicial: 298370'.length } });
      view.focus();
      return view.state.doc.lineAt(at).number;
    });
    await page.keyboard.type('mucho');
    await page.waitForSelector('#diagnosticos li.error', { timeout: 20_000 });
    const first = await page.locator('#diagnosticos li.error').first().textContent();
    expect(first).toMatch(new RegExp(`^${line}:\\d+ .*\\[invalid-value\\]`));
    expect(await page.locator('.cm-lintRange-error').count()).toBeGreaterThan(0);

    // Fix it: the diagnostic goes away and the preview shows the ficha again.
    for (let i = 0; i < 5; i++) await page.keyboard.press('Backspace');
    await page.keyboard.type('298370');
    await page.waitForFunction(() => document.querySelectorAll('#diagnosticos li').length === 0, undefined, { timeout: 20_000 });
    await page.waitForFunction(() => /Ficha de \d+ páginas/.test(document.getElementById('estado')!.textContent ?? ''), undefined, { timeout: 30_000 });
    expect(await page.locator('#vista canvas').count()).toBeGreaterThanOrEqual(5);
    mkdirSync(resolve(import.meta.dirname, '../../output'), { recursive: true });
    await page.screenshot({ path: resolve(import.meta.dirname, '../../output/editor.png') });
    expect(errors).toEqual([]);
  });
});
