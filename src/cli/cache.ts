import { existsSync, lstatSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { buildIdentity } from '../cache/buildIdentity.js';
import { cacheDir, cacheDirPath } from '../cache/cacheDir.js';
import { checkStamp } from '../cache/stamped.js';
import { num } from '../format/format.js';
import { osErrorText } from '../diagnostics/osError.js';

interface CacheFile {
  archivo: string;
  bytes: number;
  estado: 'al día' | 'de otra compilación' | 'dañado';
}

function filesOf(dir: string): CacheFile[] {
  const out: CacheFile[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const path = join(d, name);
      const st = lstatSync(path);
      if (st.isDirectory()) walk(path);
      else if (st.isFile()) {
        const checked = checkStamp(readFileSync(path));
        const estado = 'contents' in checked ? 'al día' : checked.problem === 'otra-compilacion' ? 'de otra compilación' : 'dañado';
        out.push({ archivo: relative(dir, path), bytes: st.size, estado });
      }
    }
  };
  walk(dir);
  return out;
}

const mb = (bytes: number) => (bytes < 1024 * 1024 ? `${num(Math.ceil(bytes / 1024))} KB` : `${num(bytes / 1024 / 1024, 1)} MB`);

/** `ficha cache info`: the folder, its files (size, whether this build trusts them), the build identity. */
export function cacheInfoCommand(opts: { json?: boolean }): number {
  const intended = cacheDirPath();
  const dir = cacheDir();
  const identity = buildIdentity();
  const files = dir ? filesOf(dir) : [];
  const total = files.reduce((s, f) => s + f.bytes, 0);
  if (opts.json) {
    console.log(JSON.stringify({ carpeta: dir ?? null, activa: Boolean(dir), compilacion: identity, archivos: files, bytes: total }, null, 1));
    return 0;
  }
  console.log(`Compilación: ${identity}`);
  if (!intended) {
    console.log('La caché está desactivada (FICHA_CACHE_DIR está vacía).');
    return 0;
  }
  if (!dir) {
    console.log(`La caché está desactivada: ${intended} no es una carpeta propia de este usuario en la que sólo él escribe.`);
    return 0;
  }
  console.log(`Carpeta: ${dir}`);
  console.log(`Archivos: ${num(files.length)}, ${mb(total)}`);
  const width = Math.max(0, ...files.map((f) => f.archivo.length));
  for (const f of files) console.log(`  ${f.archivo.padEnd(width)}  ${mb(f.bytes).padStart(9)}  ${f.estado}`);
  if (files.some((f) => f.estado !== 'al día')) console.log('Los archivos de otra compilación o dañados no se usan: se reemplazan la próxima vez que se necesiten.');
  return 0;
}

/** `ficha cache clear`: deletes everything in the cache folder (the folder stays). */
export function cacheClearCommand(): number {
  const intended = cacheDirPath();
  const dir = intended ? cacheDir() : undefined;
  if (!dir) {
    console.log(intended ? `La caché está desactivada (${intended}): no hay nada que borrar.` : 'La caché está desactivada (FICHA_CACHE_DIR está vacía): no hay nada que borrar.');
    return 0;
  }
  const files = filesOf(dir);
  const total = files.reduce((s, f) => s + f.bytes, 0);
  try {
    for (const name of readdirSync(dir)) rmSync(join(dir, name), { recursive: true, force: true });
  } catch (err) {
    console.error(`ficha: no se pudo vaciar ${dir}: ${osErrorText(err)}`);
    return 1;
  }
  console.log(`Se borraron ${num(files.length)} ${files.length === 1 ? 'archivo' : 'archivos'} (${mb(total)}) de ${dir}.`);
  return existsSync(dir) && readdirSync(dir).length === 0 ? 0 : 1;
}
