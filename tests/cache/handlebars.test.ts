import { mkdtempSync } from 'node:fs';
import { readStamped } from '../../src/cache/stamped.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { describe, expect, it, vi } from 'vitest';

describe('compiled templates kept in the cache folder', () => {
  it('render as Handlebars.compile does, from the cache in a later process, with the same errors', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ficha-hbs-cache-'));
    vi.stubEnv('FICHA_CACHE_DIR', dir);
    vi.resetModules();
    try {
      const first = await import('../../src/cache/handlebars.js');
      const diskCache = await import('../../src/cache/diskCache.js');
      const source = 'Cobertura {{#if alta}}alta{{else}}baja{{/if}}: {{valor}} ({{anio}})';
      const options = { noEscape: true, strict: true };
      const ctx = { alta: true, valor: '4,5%', anio: 2022 };
      const expected = Handlebars.compile(source, options)(ctx);
      expect(first.compileCached(Handlebars, source, options)(ctx)).toBe(expected);
      diskCache.flushCaches();
      const file = join(dir, `handlebars-${Handlebars.VERSION}.json`);
      expect(Object.keys(JSON.parse(readStamped(file)!.toString('utf8')))).toHaveLength(1);

      vi.resetModules();
      const later = await import('../../src/cache/handlebars.js');
      const precompile = vi.spyOn(Handlebars, 'precompile');
      expect(later.compileCached(Handlebars, source, options)(ctx)).toBe(expected);
      expect(precompile).not.toHaveBeenCalled();
      // strict: a missing name fails as with Handlebars.compile, naming it
      expect(() => later.compileCached(Handlebars, source, options)({ alta: true, anio: 2022 })).toThrow(/"valor" not defined/);
      // a template that does not compile fails when used, as Handlebars.compile's does
      const broken = later.compileCached(Handlebars, '{{#if a}}sin cerrar', options);
      expect(() => broken({ a: 1 })).toThrow(/Parse error|doesn't match|Expecting/);
      precompile.mockRestore();
    } finally {
      vi.unstubAllEnvs();
      vi.resetModules();
    }
  });
});
