import { mkdtempSync, readFileSync } from 'node:fs';
import { readStamped } from '../../src/cache/stamped.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { describe, expect, it } from 'vitest';
import { inFreshThread } from '../fresh/thread.js';

type Used = { out: string; lackingError?: string; brokenError?: string; precompiled: number };

describe('compiled templates kept in the cache folder', () => {
  it('render as Handlebars.compile does, from the cache in a later process, with the same errors', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ficha-hbs-cache-'));
    const source = 'Cobertura {{#if alta}}alta{{else}}baja{{/if}}: {{valor}} ({{anio}})';
    const options = { noEscape: true, strict: true };
    const ctx = { alta: true, valor: '4,5%', anio: 2022 };
    const expected = Handlebars.compile(source, options)(ctx);
    // Each process compiles the template through the cache, uses it, and uses one that does not compile.
    const aProcess = () => inFreshThread<Used>(new URL('../fresh/scenarios.ts', import.meta.url), 'handlebars', [source, options, ctx, { alta: true, anio: 2022 }, '{{#if a}}sin cerrar'], { env: { FICHA_CACHE_DIR: dir } });

    const first = await aProcess();
    expect(first.out).toBe(expected);
    expect(first.precompiled).toBeGreaterThanOrEqual(1);
    const file = join(dir, `handlebars-${Handlebars.VERSION}.json`);
    // The template that compiles is kept; the broken one is not.
    expect(Object.keys(JSON.parse(readStamped(file)!.toString('utf8')))).toHaveLength(1);

    const later = await aProcess();
    expect(later.out).toBe(expected);
    // Only the broken template is compiled again (to fail as Handlebars.compile does).
    expect(later.precompiled).toBe(1);
    // strict: a missing name fails as with Handlebars.compile, naming it
    expect(later.lackingError).toMatch(/"valor" not defined/);
    // a template that does not compile fails when used, as Handlebars.compile's does
    expect(later.brokenError).toMatch(/Parse error|doesn't match|Expecting/);
    expect(readFileSync(file).length).toBeGreaterThan(0);
  });
});
