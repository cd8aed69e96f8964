import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { writeAtomic } from '../output/write.js';
import { AttachmentTooLarge, extractAttachment } from '../output/attachment.js';
import { checkOutDir } from './paths.js';
import { osErrorText } from '../diagnostics/osError.js';

/** `ficha extract <pdf> [--out FILE] [--max-size MB]`: the input YAML a ficha carries, byte for byte. */
export async function extractCommand(pdf: string, opts: { out?: string; maxSize?: string }): Promise<number> {
  const maxMb = Number(opts.maxSize ?? 10);
  if (!Number.isFinite(maxMb) || maxMb <= 0) {
    console.error(`--max-size: se esperaba un número de MB > 0; se encontró «${opts.maxSize}»`);
    return 2;
  }
  if (opts.out) {
    if (existsSync(opts.out) && statSync(opts.out).isDirectory()) {
      console.error(`--out ${opts.out}: es una carpeta; se esperaba el nombre del archivo YAML a escribir`);
      return 2;
    }
    const problem = checkOutDir(dirname(opts.out), '--out');
    if (problem) {
      console.error(problem);
      return 2;
    }
  }
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(pdf);
  } catch (err) {
    console.error(`${pdf}: no se pudo leer el archivo (${osErrorText(err)})`);
    return 1;
  }
  let found: Awaited<ReturnType<typeof extractAttachment>>;
  try {
    found = await extractAttachment(bytes, maxMb * 1024 * 1024);
  } catch (err) {
    if (err instanceof AttachmentTooLarge) console.error(`${pdf}: el archivo adjunto supera ${maxMb} MB; no se extrae (use --max-size para otro límite)`);
    else console.error(`${pdf}: no es un PDF legible (está dañado o no es un PDF)`);
    return 1;
  }
  if (!found) {
    console.error(`${pdf}: la ficha no trae un archivo YAML adjunto`);
    return 1;
  }
  if (opts.out) {
    writeAtomic(dirname(opts.out), basename(opts.out), found.content);
    console.error(`${opts.out} (${found.name}, ${found.content.length} bytes)`);
  } else process.stdout.write(found.content);
  return 0;
}
