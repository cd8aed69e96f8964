import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildIdentity, DECISIVE_PACKAGES } from '../../src/cache/buildIdentity.js';

const ROOT = resolve(import.meta.dirname, '../..');
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
const installed = (pkg: string) => (JSON.parse(readFileSync(join(ROOT, 'node_modules', pkg, 'package.json'), 'utf8')) as { version: string }).version;

/**
 * The packages whose private state ficha reads (src/pdf/pdfkitInternals.ts, fontkitInternals.ts,
 * src/validate/zodInternals.ts; scripts/build.mjs edits fontkit's code). An
 * update of any of them must be a deliberate change of package.json, checked by the internals
 * tests (tests/pdf/internals.test.ts) and the regression corpus.
 */
const INTERNALS_READ = ['pdfkit', 'fontkit', 'zod'];

describe('the packages ficha relies on', () => {
  it.each(INTERNALS_READ)('%s: pinned to one exact version in package.json, and that version installed', (pkg) => {
    const wanted = manifest.dependencies[pkg];
    expect(wanted, `${pkg}: package.json must pin an exact version (ficha reads its internals)`).toMatch(/^\d+\.\d+\.\d+$/);
    expect(installed(pkg), `${pkg} ${installed(pkg)} is installed, package.json pins ${wanted}: run npm ci`).toBe(wanted);
  });

  it('the build identity covers every package that decides a PDF, and changes with nothing else in this process', () => {
    for (const pkg of DECISIVE_PACKAGES) expect(Object.keys(manifest.dependencies), pkg).toContain(pkg);
    expect(buildIdentity()).toMatch(/^[0-9a-f]{64}$/);
    expect(buildIdentity()).toBe(buildIdentity());
  });

  it('the build writes its stamp: a hash of dist/ and the versions of those packages', () => {
    const stamp = JSON.parse(readFileSync(join(ROOT, 'dist', 'build-id.json'), 'utf8')) as { code: string; packages: Record<string, string> };
    expect(stamp.code).toMatch(/^[0-9a-f]{64}$/);
    expect(stamp.packages).toEqual(Object.fromEntries(DECISIVE_PACKAGES.map((p) => [p, installed(p)])));
  });
});
