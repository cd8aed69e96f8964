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
 * PDFKit finds its data (the sRGB profile PDF/A embeds, the standard fonts' metrics) next to its
 * own file, through `import.meta.url`: bundled, that would be dist/. It looks next to its installed
 * file instead.
 */
const pdfkitData = {
  name: 'pdfkit-data',
  setup(b) {
    b.onLoad({ filter: /[\\/]pdfkit[\\/]js[\\/]pdfkit\.node\.mjs$/ }, (args) => {
      const code = readFileSync(args.path, 'utf8');
      const uses = code.split('import.meta.url').length - 1;
      if (uses !== 2) throw new Error(`pdfkit.node.mjs uses import.meta.url ${uses} times, not 2: check scripts/build.mjs`);
      return { contents: code.replaceAll('import.meta.url', "import.meta.resolve('pdfkit')"), loader: 'js' };
    });
  },
};

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
  plugins: [zodEnglishOnly, pdfkitData, lazyBrotli],
  logLevel: 'warning',
  // Bundled CommonJS code calls require(); give the ES module one.
  banner: { js: "// Built by scripts/build.mjs from src/: edit the TypeScript, not this file.\nimport { createRequire as __ficha_require } from 'node:module';\nconst require = __ficha_require(import.meta.url);" },
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
