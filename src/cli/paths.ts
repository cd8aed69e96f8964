import { accessSync, constants, existsSync, lstatSync, mkdirSync, realpathSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

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

/** A templates folder must be a folder holding ficha.hbs. */
export function checkTemplatesDir(dir: string): string | undefined {
  if (!existsSync(dir)) return `--templates ${dir}: no existe`;
  if (!statSync(dir).isDirectory()) return `--templates ${dir}: es un archivo; se esperaba una carpeta de plantillas (copia de templates/)`;
  if (!existsSync(join(dir, 'ficha.hbs'))) return `--templates ${dir}: no tiene ficha.hbs; se esperaba una copia de la carpeta templates/`;
  return undefined;
}
