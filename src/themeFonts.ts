import { closeSync, openSync, readSync } from 'node:fs';
import { createRequire } from 'node:module';
import { isAbsolute, resolve } from 'node:path';
import { osErrorText } from './diagnostics/osError.js';

/**
 * A theme's fonts (theme.json `fonts`): their names, where their files are, and whether a file can
 * be embedded. Only Node's own modules: the CLI checks a templates folder without loading fontkit.
 */
export type FontName = 'regular' | 'bold' | 'italic' | 'boldItalic';
export const FONT_NAMES: readonly FontName[] = ['regular', 'bold', 'italic', 'boldItalic'];

const require = createRequire(import.meta.url);
/** Package paths already resolved: require.resolve looks at the file system each time (~40 µs). */
const resolved = new Map<string, string>();

/** A theme's font path: absolute, relative to the templates folder, or inside an npm package. */
export function resolveFontPath(spec: string, templatesDir: string): string {
  if (isAbsolute(spec)) return spec;
  if (spec.startsWith('.')) return resolve(templatesDir, spec);
  let path = resolved.get(spec);
  if (path === undefined) resolved.set(spec, (path = require.resolve(spec)));
  return path;
}

/**
 * Why a theme's font cannot be used, in Spanish, or undefined when it can: a path that does not
 * resolve or is not a file, or a file that is not a TrueType or OpenType font (or its WOFF
 * wrapper). WOFF2 is refused by name: fontkit reads it but cannot subset it for embedding.
 */
export function fontProblem(spec: string, templatesDir: string): string | undefined {
  let path: string;
  try {
    path = resolveFontPath(spec, templatesDir);
  } catch {
    return `«${spec}» no se encuentra (ni como ruta ni dentro de un paquete npm)`;
  }
  const head = Buffer.alloc(4);
  try {
    const fd = openSync(path, 'r');
    try {
      readSync(fd, head, 0, 4, 0);
    } finally {
      closeSync(fd);
    }
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return `${path}: ${code === 'ENOENT' ? 'no existe' : code === 'EISDIR' ? 'es una carpeta' : `no se puede leer (${osErrorText(err)})`}`;
  }
  const tag = head.toString('latin1');
  if (tag === 'wOF2') return `${path} es WOFF2, que ficha no puede incrustar en el PDF: use la versión TTF u OTF de la fuente`;
  if (head.readUInt32BE(0) === 0x00010000 || tag === 'OTTO' || tag === 'true' || tag === 'wOFF') return undefined;
  return `${path} no es una fuente TrueType ni OpenType`;
}
