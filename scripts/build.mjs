// npm run build (also run by `npm ci` through `prepare`): the CLI and the batch worker as compiled
// JavaScript in dist/, so that no command pays for compiling TypeScript at start-up. Pure-JS
// dependencies are bundled in (one file read instead of hundreds), PDFKit and fontkit included. Each
// command's modules are chunks loaded on demand: `--help` loads almost nothing, `validate` neither
// PDFKit nor Vega.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

rmSync('dist', { recursive: true, force: true });

/**
 * zod re-exports its messages in ~60 languages; ficha writes its own (Spanish) messages and falls
 * back to zod's Spanish ones (schema.ts); English is zod's built-in default. Leaving the others out
 * of the bundle saves every command that validates from compiling them at start-up.
 */
const zodSpanishOnly = {
  name: 'zod-spanish-only',
  setup(b) {
    b.onLoad({ filter: /[\\/]zod[\\/]v4[\\/]locales[\\/]index\.js$/ }, () => ({ contents: 'export { default as en } from "./en.js";\nexport { default as es } from "./es.js";', loader: 'js' }));
  },
};
/**
 * Some packages find their own files (PDFKit: the sRGB profile PDF/A embeds, the standard fonts'
 * metrics; Tinypool: its worker) next to their code, through `import.meta.url`: bundled, that
 * would be dist/. They look next to their installed file instead (`installed`: how the bundle
 * finds it at run time).
 */
const installedUrl = (installed) => ({
  name: 'installed-url',
  setup(b) {
    const uses = { pdfkit: [/[\\/]pdfkit[\\/]js[\\/]pdfkit\.node\.mjs$/, 2], tinypool: [/[\\/]tinypool[\\/]dist[\\/]index\.js$/, 3] };
    for (const [pkg, [filter, count]] of Object.entries(uses)) {
      b.onLoad({ filter }, (args) => {
        const code = readFileSync(args.path, 'utf8');
        const found = code.split('import.meta.url').length - 1;
        if (found !== count) throw new Error(`${args.path} uses import.meta.url ${found} times, not ${count}: check scripts/build.mjs`);
        return { contents: code.replaceAll('import.meta.url', installed(pkg)), loader: 'js' };
      });
    }
  },
});

/**
 * fontkit and unicode-properties each inflate Unicode tables when loaded (~20 ms): the Arabic, Indic
 * and Universal shapers' tables, and the character properties fontkit reads while shaping. ficha
 * shapes Latin text, and a word in the cache folder is not shaped at all, so a render usually reads
 * none of them. Each table is built on its first lookup instead (the code only calls `get` on it).
 */
const lazyUnicodeTables = {
  name: 'lazy-unicode-tables',
  setup(b) {
    const tables = [[/[\\/]fontkit[\\/]dist[\\/]module\.mjs$/, 3], [/[\\/]unicode-properties[\\/]dist[\\/]module\.mjs$/, 1]];
    for (const [filter, count] of tables) {
      b.onLoad({ filter }, (args) => {
        const code = readFileSync(args.path, 'utf8');
        const table = /^const (\$\w+\$var\$trie) = (new \(0, [\w$]+\)\(.*\));$/gm;
        let found = 0;
        const lazy = code.replace(table, (_, name, make) => {
          found++;
          return `const ${name} = (() => { let t; return { get: (c) => (t ??= ${make}).get(c) }; })();`;
        });
        const uses = [...code.matchAll(/\$\w+\$var\$trie\b(?!\.get\(| = new)/g)].length;
        if (found !== count || uses !== 0) throw new Error(`${args.path}: ${found} Unicode tables (expected ${count}), ${uses} uses other than get(): check scripts/build.mjs`);
        return { contents: lazy, loader: 'js' };
      });
    }
  },
};

/**
 * Modules replaced in the bundle (`STUBS`, by import name):
 * - loaded on first use, through `require`, because loading them costs every render but ficha's
 *   fonts and PDFs never use them: fontkit's Brotli decoder (WOFF2 fonts only; ficha embeds
 *   TrueType) builds its 120 KB dictionary when loaded (~45 ms); PDFKit's AES (encrypted PDFs
 *   only) builds its tables (~8 ms);
 * - vega-canvas (canvas rendering, which ficha never does) awaits at its top level, which a
 *   CommonJS bundle cannot; without the optional `canvas` package it provides nothing anyway.
 */
const LAZY = {
  'brotli/decompress.js': "export default (...args) => require('brotli/decompress.js')(...args);",
  '@noble/ciphers/aes': "export const cbc = (...args) => require('@noble/ciphers/aes').cbc(...args);\nexport const ecb = (...args) => require('@noble/ciphers/aes').ecb(...args);",
};
const NO_CANVAS = { 'vega-canvas': 'export const canvas = () => null;\nexport const image = () => null;' };
const stubs = (STUBS) => ({
  name: 'stubs',
  setup(b) {
    const filter = new RegExp(`^(${Object.keys(STUBS).map((k) => k.replace(/[./]/g, '\\$&')).join('|')})$`);
    // A stub's own require() of the real module stays a require.
    b.onResolve({ filter }, (args) => (args.namespace === 'stubs' ? { external: true } : { path: args.path, namespace: 'stubs' }));
    b.onLoad({ filter: /.*/, namespace: 'stubs' }, (args) => ({ contents: STUBS[args.path], loader: 'js' }));
  },
});

/**
 * The render command's bundle leaves the renderer out: it is dist/cjs/renderer.cjs, which dispatch
 * loads only to render in the command's own thread. A batch with workers starts them without
 * first reading and compiling the 4 MB renderer it never runs there (~150 ms before the first
 * worker starts). Its import stays as written, for running from the sources.
 */
const rendererApart = {
  name: 'renderer-apart',
  setup(b) {
    b.onResolve({ filter: /^\.\/renderer\.js$/ }, (args) => (/(dispatch|batch)\.ts$/.test(args.importer) ? { path: args.path, external: true } : undefined));
    // The workbook reader (ficha render libro.xlsx) is dist/cjs/workbook.cjs, loaded only for a workbook.
    b.onResolve({ filter: /^\.\.\/workbook\/import\.js$/ }, (args) => (/render\.ts$/.test(args.importer) ? { path: args.path, external: true } : undefined));
  },
};

/**
 * The CommonJS bundles share the cache's stamp module with the command that loads them, instead
 * of each carrying a copy: its "a damaged cache file was reported" state is then one per process,
 * whichever bundle read the file. src/startup/compiled.ts hands its own instance to `require`.
 */
const sharedWithHost = {
  name: 'shared-with-host',
  setup(b) {
    const stamped = resolve('src/cache/stamped.ts');
    b.onResolve({ filter: /stamped\.js$/ }, (args) => (resolve(args.resolveDir, args.path).replace(/\.js$/, '.ts') === stamped ? { path: 'ficha:cache/stamped', external: true } : undefined));
  },
};

await build({
  entryPoints: { main: 'src/cli/main.ts', worker: 'src/batch/worker.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.19',
  external: ['tinypool', 'pdfjs-dist', 'canvas', 'tsx', 'exceljs'],
  chunkNames: 'chunk-[hash]',
  plugins: [zodSpanishOnly, installedUrl((pkg) => `import.meta.resolve('${pkg}')`), lazyUnicodeTables, stubs(LAZY)],
  logLevel: 'warning',
  // Bundled CommonJS code calls require(); give the ES module one.
  banner: { js: "// Built by scripts/build.mjs from src/: edit the TypeScript, not this file.\nimport { createRequire as __ficha_require } from 'node:module';\nconst require = __ficha_require(import.meta.url);" },
});

// The heavy commands again, as CommonJS bundles: src/startup/compiled.ts loads them with V8's code
// cache (ES modules cannot use one on Node 20). Same sources and packages as above; paths that
// were relative to the module are relative to dist/main.js, as in the ES build.
await build({
  entryPoints: { render: 'src/cli/render.ts', validate: 'src/cli/validate.ts', renderer: 'src/batch/renderer.ts', workbook: 'src/workbook/import.ts' },
  outdir: 'dist/cjs',
  outExtension: { '.js': '.cjs' },
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20.19',
  mainFields: ['module', 'main'],
  conditions: ['import'],
  external: ['pdfjs-dist', 'canvas', 'tsx', 'exceljs'],
  define: { 'import.meta.url': '__ficha_import_meta_url' },
  plugins: [zodSpanishOnly, installedUrl((pkg) => `require('node:url').pathToFileURL(require.resolve('${pkg}')).href`), lazyUnicodeTables, stubs({ ...LAZY, ...NO_CANVAS }), rendererApart, sharedWithHost],
  logLevel: 'warning',
  // installedUrl's require.resolve('pdfkit') runs at run time, on purpose.
  logOverride: { 'require-resolve-not-external': 'silent' },
  // Without indentation and comments the renderer is 2.8 MB instead of 3.85: every cold render and
  // every worker reads and hashes a quarter less (cold `render`: ~3% faster, 14 of 20 alternated
  // pairs). Names stay as written, so a crash's stack still names its functions.
  minifyWhitespace: true,
  // ES modules are strict; so is their bundle.
  banner: { js: "'use strict';\n// Built by scripts/build.mjs from src/: edit the TypeScript, not this file.\nconst __ficha_import_meta_url = require('node:url').pathToFileURL(require('node:path').join(__dirname, '..', 'main.js')).href;" },
});

// The editor page's script, for the browser: CodeMirror and pdf.js bundled in, no CDN.
await build({
  entryPoints: { editor: 'src/serve/editor/main.ts' },
  outdir: 'dist/editor',
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  minify: true,
  logLevel: 'warning',
});

/**
 * esbuild escapes every non-ASCII character of the code, but not of the comments it keeps (Spanish
 * and typographic quotes from the sources). One such character makes Node decode the whole file
 * through its slow UTF-8 path into a two-byte string: ~35 ms for the render bundle. Escaped, as the
 * code already is, the files are ASCII.
 */
for (const dir of ['dist', 'dist/cjs']) {
  for (const name of readdirSync(dir).filter((f) => /\.c?js$/.test(f))) {
    const file = `${dir}/${name}`;
    const code = readFileSync(file, 'utf8');
    // eslint-disable-next-line no-control-regex
    if (/[^\x00-\x7f]/.test(code)) writeFileSync(file, code.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
  }
}

/**
 * The build's stamp (src/cache/buildIdentity.ts): a hash of every file written above and the
 * versions of the packages that decide a PDF's bytes. Every cache file carries the identity made
 * from it, and `--changed` keys every ficha with it, so a new build trusts nothing an older one
 * computed. Written last, over the files as they will run.
 */
{
  const hash = createHash('sha256');
  const walk = (dir, rel) => {
    for (const name of readdirSync(dir).sort()) {
      const path = `${dir}/${name}`;
      if (statSync(path).isDirectory()) walk(path, `${rel}${name}/`);
      else hash.update(`${rel}${name}\0`).update(readFileSync(path)).update('\0');
    }
  };
  walk('dist', '');
  const packages = Object.fromEntries(
    ['pdfkit', 'fontkit', 'vega', 'vega-lite', 'handlebars', 'yaml', 'zod'].map((p) => [p, JSON.parse(readFileSync(`node_modules/${p}/package.json`, 'utf8')).version]),
  );
  writeFileSync('dist/build-id.json', `${JSON.stringify({ code: hash.digest('hex'), packages }, null, 1)}\n`);
}
