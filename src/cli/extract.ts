import { readFileSync } from 'node:fs';
import { writeAtomic } from '../output/write.js';
import { basename, dirname } from 'node:path';
import { extractAttachment } from '../output/attachment.js';

/** `ficha extract <pdf> [--out FILE]`: the input YAML a ficha carries, byte for byte. */
export async function extractCommand(pdf: string, opts: { out?: string }): Promise<number> {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(pdf);
  } catch (err) {
    console.error(`${pdf}: no se pudo leer el archivo (${(err as Error).message})`);
    return 1;
  }
  const found = await extractAttachment(bytes).catch((err: Error) => {
    console.error(`${pdf}: no es un PDF legible (${err.message})`);
    return null;
  });
  if (found === null) return 1;
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
