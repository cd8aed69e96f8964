import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The shape of the house (docs/ARCHITECTURE.md): each folder of src/ may import only folders on
 * lower floors. A new import that runs back up (a stage reaching a later stage, infrastructure
 * reaching a stage) fails here with the files that make it.
 */
const FLOORS: string[][] = [
  ['paths', 'diagnostics', 'catalogs', 'output'],
  ['themeFonts', 'cache', 'rulesets', 'sample'],
  ['startup'],
  ['load'],
  ['validate'],
  ['metrics'],
  ['format'],
  ['present'],
  ['layout'],
  ['charts'],
  ['pdf'],
  ['pipeline'],
  ['batch'],
  ['summary', 'workbook'],
  ['mail', 'serve'],
  ['cli'],
];
const floorOf = new Map(FLOORS.flatMap((folders, i) => folders.map((f) => [f, i] as const)));

const SRC = resolve(import.meta.dirname, '../src');

/** Every import between two folders of src/ (static, dynamic, type-only and re-exports), file by file. */
function folderImports(): { from: string; to: string; files: string }[] {
  const folderOf = (file: string) => relative(SRC, file).split('/')[0]!.replace(/\.(ts|js)$/, '');
  const out: { from: string; to: string; files: string }[] = [];
  for (const rel of readdirSync(SRC, { recursive: true, encoding: 'utf8' })) {
    const file = join(SRC, rel);
    if (!/\.ts$/.test(file) || !statSync(file).isFile()) continue;
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^;'"]*?from\s+'(\.[^']+)'|import\(\s*'(\.[^']+)'\s*\)/g)) {
      const target = resolve(dirname(file), (m[1] ?? m[2])!);
      if (relative(SRC, target).startsWith('..')) continue;
      const [from, to] = [folderOf(file), folderOf(target)];
      if (from !== to) out.push({ from, to, files: `${relative(SRC, file)} -> ${relative(SRC, target)}` });
    }
  }
  return out;
}

/** Imports that do not go down a floor, and folders that have no floor. */
function problems(imports: { from: string; to: string; files: string }[]): string[] {
  const out: string[] = [];
  for (const { from, to, files } of imports) {
    const [a, b] = [floorOf.get(from), floorOf.get(to)];
    if (a === undefined || b === undefined) out.push(`${from === undefined || a === undefined ? from : to}: a folder with no floor in FLOORS (${files})`);
    else if (b >= a) out.push(`${files}: ${from} (floor ${a}) imports ${to} (floor ${b})`);
  }
  return [...new Set(out)];
}

describe('the import graph of src/', () => {
  it('runs only downward: no stage imports a later stage, no infrastructure imports a stage, no folder cycle', () => {
    const imports = folderImports();
    expect(imports.length).toBeGreaterThan(60);
    expect(problems(imports)).toEqual([]);
  });

  it('every folder of src/ has a floor', () => {
    const folders = readdirSync(SRC).map((f) => f.replace(/\.ts$/, ''));
    expect(folders.filter((f) => !floorOf.has(f))).toEqual([]);
  });

  it('catches a back edge and a folder without a floor (the check can fail)', () => {
    expect(problems([{ from: 'cache', to: 'pipeline', files: 'cache/x.ts -> pipeline/stages' }])).toHaveLength(1);
    expect(problems([{ from: 'batch', to: 'cli', files: 'batch/worker.ts -> cli/compiled' }])).toHaveLength(1);
    expect(problems([{ from: 'mail', to: 'serve', files: 'mail/x.ts -> serve/y' }])).toHaveLength(1);
    expect(problems([{ from: 'nuevo', to: 'paths', files: 'nuevo/x.ts -> paths' }])).toHaveLength(1);
  });
});

describe('state and typesetting', () => {
  const sources = (dir: string, ext: RegExp) =>
    readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((rel) => ext.test(rel))
      .map((rel) => ({ rel, text: readFileSync(join(dir, rel), 'utf8') }));

  it('keeps no module state on globalThis (the browser editor aside)', () => {
    const found = sources(SRC, /\.ts$/).filter(({ rel, text }) => !rel.startsWith('serve/editor/') && /\bglobalThis\b/.test(text));
    expect(found.map((f) => f.rel)).toEqual([]);
  });

  it('fakes no process with vi.resetModules: a later process is a fresh thread (tests/fresh/)', () => {
    const found = sources(resolve(SRC, '../tests'), /\.ts$/).filter(({ rel, text }) => rel !== 'architecture.test.ts' && /resetModules\(/.test(text));
    expect(found.map((f) => f.rel)).toEqual([]);
  });

  it('leaves PDFKit to pdf/: layout typesets through its Painter and TextMeasure', () => {
    const found = sources(join(SRC, 'layout'), /\.ts$/).filter(({ text }) => /from '(pdfkit|fontkit)'|\bdoc\.\w+\(/.test(text));
    expect(found.map((f) => f.rel)).toEqual([]);
  });
});
