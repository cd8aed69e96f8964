// npm run build (also run by `npm ci` through `prepare`): the CLI and the batch worker as compiled
// JavaScript in dist/, so that no command pays for compiling TypeScript at start-up. Pure-JS
// dependencies are bundled in (one file read instead of hundreds); PDFKit and fontkit stay in
// node_modules because they read data files next to their own code. Each command's modules are
// chunks loaded on demand: `--help` loads almost nothing, `validate` neither PDFKit nor Vega.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';

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
await build({
  entryPoints: { main: 'src/cli/main.ts', worker: 'src/batch/worker.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.19',
  external: ['pdfkit', 'fontkit', 'tinypool', 'pdfjs-dist', 'canvas', 'tsx'],
  chunkNames: 'chunk-[hash]',
  plugins: [zodEnglishOnly],
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
