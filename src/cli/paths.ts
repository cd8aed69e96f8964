import { accessSync, constants, existsSync, lstatSync, mkdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { FONT_NAMES, fontProblem } from '../themeFonts.js';

/** Virtual file systems where an output folder makes no sense (and mkdir can hang). */
const VIRTUAL = ['/proc', '/sys', '/dev'];

/**
 * An output folder that can be used: created if missing. Returns the usage error (Spanish) when
 * it is a file, lies under a file, is a symbolic link loop, is on a virtual file system or cannot be
 * written.
 */
export function checkOutDir(out: string, option = '--out'): string | undefined {
  const abs = resolve(out);
  if (VIRTUAL.some((v) => abs === v || abs.startsWith(`${v}/`))) return `${option} ${out}: no es una carpeta donde se pueda escribir (sistema de archivos virtual)`;
  // The nearest ancestor that exists must be a folder (through links), and so must the path.
  let p = abs;
  for (;;) {
    let st;
    try {
      st = lstatSync(p);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT' && dirname(p) !== p) {
        p = dirname(p);
        continue;
      }
      return `${option} ${out}: no se puede usar (${(err as NodeJS.ErrnoException).code})`;
    }
    if (st.isSymbolicLink()) {
      try {
        realpathSync(p);
      } catch (err) {
        return `${option} ${out}: ${(err as NodeJS.ErrnoException).code === 'ELOOP' ? 'es un enlace simbólico circular' : 'es un enlace simbólico roto'} (${p})`;
      }
    }
    if (!statSync(p).isDirectory()) return p === abs ? `${option} ${out}: es un archivo, no una carpeta` : `${option} ${out}: ${p} es un archivo, no una carpeta`;
    break;
  }
  try {
    mkdirSync(abs, { recursive: true });
    accessSync(abs, constants.W_OK);
  } catch (err) {
    return `${option} ${out}: no se puede crear o escribir (${(err as NodeJS.ErrnoException).code})`;
  }
  return undefined;
}

/** A templates folder must be a folder holding ficha.hbs, and a theme.json whose fonts can be embedded. */
export function checkTemplatesDir(dir: string): string | undefined {
  if (!existsSync(dir)) return `--templates ${dir}: no existe`;
  if (!statSync(dir).isDirectory()) return `--templates ${dir}: es un archivo; se esperaba una carpeta de plantillas (copia de templates/)`;
  if (!existsSync(join(dir, 'ficha.hbs'))) return `--templates ${dir}: no tiene ficha.hbs; se esperaba una copia de la carpeta templates/`;
  let fonts: unknown;
  try {
    fonts = (JSON.parse(readFileSync(join(dir, 'theme.json'), 'utf8')) as { fonts?: unknown }).fonts;
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'ENOENT') return `--templates ${dir}: no tiene theme.json; se esperaba una copia de la carpeta templates/`;
    const at = Number(/at position (\d+)/.exec(e.message)?.[1]);
    const where = Number.isFinite(at) ? ` (carácter ${at + 1})` : /end of JSON/.test(e.message) ? ' (termina antes de cerrarse)' : '';
    return `--templates ${dir}: theme.json no es JSON válido${where}`;
  }
  for (const name of FONT_NAMES) {
    const spec = (fonts as Record<string, unknown> | undefined)?.[name];
    if (typeof spec !== 'string' || !spec) return `--templates ${dir}: theme.json no indica la fuente fonts.${name}`;
    const problem = fontProblem(spec, dir);
    if (problem) return `--templates ${dir}: la fuente fonts.${name} de theme.json: ${problem}`;
  }
  return undefined;
}
