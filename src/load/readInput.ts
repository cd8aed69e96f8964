import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { osErrorText } from '../diagnostics/osError.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { LIMITS } from './limits.js';

export type ReadInput = { bytes: Buffer; diagnostics?: undefined } | { bytes?: undefined; diagnostics: Diagnostic[] };

/**
 * An input file's bytes, read so that no file can stall or flood the program: a FIFO is opened
 * without waiting for a writer, only a regular file is read (not a device such as /dev/zero, a
 * socket or a folder), and never more than the size limit plus one byte. Everything else is an `io`
 * or `file-too-large` diagnostic naming the file.
 */
export function readInput(file: string): ReadInput {
  const fail = (code: string, message: string): ReadInput => ({ diagnostics: [{ code, severity: 'error', message, file }] });
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return fail('io', `no se pudo leer: ${code === 'ELOOP' ? 'es un enlace simbólico circular' : osErrorText(err)}`);
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) return fail('io', `no se pudo leer: ${kindOf(st)}, no un archivo YAML`);
    if (st.size > LIMITS.fileBytes) return fail('file-too-large', tooLarge(st.size));
    // One byte more than the size said, to see the end; a file that grows gets room up to the limit.
    let buf = Buffer.allocUnsafe(st.size + 1);
    let n = 0;
    for (;;) {
      if (n === buf.length) {
        if (n > LIMITS.fileBytes) return fail('file-too-large', tooLarge(n));
        const bigger = Buffer.allocUnsafe(LIMITS.fileBytes + 1);
        buf.copy(bigger, 0, 0, n);
        buf = bigger;
      }
      const got = readSync(fd, buf, n, buf.length - n, null);
      if (got === 0) break;
      n += got;
    }
    return { bytes: buf.subarray(0, n) };
  } catch (err) {
    return fail('io', `no se pudo leer: ${osErrorText(err)}`);
  } finally {
    closeSync(fd);
  }
}

function tooLarge(bytes: number): string {
  return `el archivo tiene ${bytes.toLocaleString('es-CL')} bytes o más: el máximo es ${LIMITS.fileBytes.toLocaleString('es-CL')} (2 MB)`;
}

function kindOf(st: { isDirectory(): boolean; isFIFO(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean; isSocket(): boolean }): string {
  if (st.isDirectory()) return 'es una carpeta';
  if (st.isFIFO()) return 'es una tubería (FIFO)';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'es un dispositivo';
  if (st.isSocket()) return 'es un socket';
  return 'no es un archivo regular';
}
