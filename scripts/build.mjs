// npm run build (also run by `npm ci` through `prepare`): the CLI and the batch worker as compiled
// JavaScript in dist/, so that no command pays for compiling TypeScript at start-up. Pure-JS
// dependencies are bundled in (one file read instead of hundreds), PDFKit and fontkit included. Each
// command's modules are chunks loaded on demand: `--help` loads almost nothing, `validate` neither
// PDFKit nor Vega.
import { build } from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';

rmSync('dist', { recursive: true, force: true });

/**
 * zod re-exports its messages in ~60 languages; ficha writes its own (Spanish) messages and zod's
 * default (English) is the only one it can fall back to. Leaving the others out of the bundle saves
 * every command that validates from compiling them at start-up.
 */
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(b) {
    b.onLoad({ filter: /[\\/]zod[\\/]v4[\\/]locales[\\/]index\.js$/ }, () => ({ contents: 'export { default as en } from "./en.js";', loader: 'js' }));
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
 * fontkit decodes Brotli (WOFF2 fonts only; ficha embeds TrueType) with a decoder that builds its
 * 120 KB dictionary when loaded: ~45 ms of every render's start-up. It is loaded on first use.
 */
const lazyBrotli = {
  name: 'lazy-brotli',
  setup(b) {
    b.onResolve({ filter: /^brotli\/decompress\.js$/ }, (args) => (args.namespace === 'lazy-brotli' ? { external: true } : { path: 'brotli', namespace: 'lazy-brotli' }));
    b.onLoad({ filter: /.*/, namespace: 'lazy-brotli' }, () => ({ contents: "export default (...args) => require('brotli/decompress.js')(...args);", loader: 'js' }));
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
  external: ['tinypool', 'pdfjs-dist', 'canvas', 'tsx'],
  chunkNames: 'chunk-[hash]',
  plugins: [zodEnglishOnly, installedUrl((pkg) => `import.meta.resolve('${pkg}')`), lazyBrotli],
  logLevel: 'warning',
  // Bundled CommonJS code calls require(); give the ES module one.
  banner: { js: "// Built by scripts/build.mjs from src/: edit the TypeScript, not this file.\nimport { createRequire as __ficha_require } from 'node:module';\nconst require = __ficha_require(import.meta.url);" },
});

/**
 * vega-canvas (for canvas rendering, which ficha never does) awaits at its top level, which a
 * CommonJS bundle cannot; without the optional `canvas` package it provides nothing anyway.
 */
const noCanvas = {
  name: 'no-canvas',
  setup(b) {
    b.onResolve({ filter: /^vega-canvas$/ }, () => ({ path: 'vega-canvas', namespace: 'no-canvas' }));
    b.onLoad({ filter: /.*/, namespace: 'no-canvas' }, () => ({ contents: 'export const canvas = () => null; export const image = () => null;', loader: 'js' }));
  },
};

// The heavy commands again, as CommonJS bundles: src/cli/compiled.ts loads them with V8's code
// cache (ES modules cannot use one on Node 20). Same sources and packages as above; paths that
// were relative to the module are relative to dist/main.js, as in the ES build.
await build({
  entryPoints: { render: 'src/cli/render.ts', validate: 'src/cli/validate.ts' },
  outdir: 'dist/cjs',
  outExtension: { '.js': '.cjs' },
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20.19',
  mainFields: ['module', 'main'],
  conditions: ['import'],
  external: ['pdfjs-dist', 'canvas', 'tsx'],
  define: { 'import.meta.url': '__ficha_import_meta_url' },
  plugins: [zodEnglishOnly, installedUrl((pkg) => `require('node:url').pathToFileURL(require.resolve('${pkg}')).href`), lazyBrotli, noCanvas],
  logLevel: 'warning',
  // installedUrl's require.resolve('pdfkit') runs at run time, on purpose.
  logOverride: { 'require-resolve-not-external': 'silent' },
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
