import { inflateSync } from 'node:zlib';

/** Refused: the attachment would decompress to more than the limit. */
export class AttachmentTooLarge extends Error {
  constructor(readonly limit: number) {
    super(`attachment larger than ${limit} bytes`);
  }
}

/** Default bound of an extracted attachment: 10 MB (an input file is at most 2 MB). */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

/**
 * The YAML source a ficha carries as an attached file, or undefined if it has none. Read straight
 * from the PDF's objects (PDFKit writes them uncompressed) and inflated with a bound, so that a
 * crafted PDF can never make it allocate more than `maxBytes`.
 */
export async function extractAttachment(pdf: Uint8Array, maxBytes = MAX_ATTACHMENT_BYTES): Promise<{ name: string; content: Uint8Array } | undefined> {
  const bytes = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength);
  if (bytes.subarray(0, 5).toString('latin1') !== '%PDF-') throw new Error('no es un PDF');
  const text = bytes.toString('latin1');
  const specs = [...text.matchAll(/\/Type \/Filespec([\s\S]*?)\n>>\nendobj/g)];
  const found: { name: string; content: Uint8Array }[] = [];
  for (const spec of specs) {
    const dict = spec[1]!;
    const ref = /\/EF <<\s*\/F (\d+) 0 R/.exec(dict)?.[1];
    if (!ref) continue;
    const name = pdfString(/\/UF \(((?:\\.|[^\\)])*)\)/.exec(dict)?.[1] ?? /\/F \(((?:\\.|[^\\)])*)\)/.exec(dict)?.[1] ?? 'adjunto');
    const content = streamOf(bytes, text, Number(ref), maxBytes);
    if (content) found.push({ name, content });
  }
  return found.find((a) => /\.ya?ml$/i.test(a.name)) ?? found[0];
}

/** The decoded data of stream object `n`, inflated with a bound. */
function streamOf(bytes: Buffer, text: string, n: number, maxBytes: number): Uint8Array | undefined {
  const obj = new RegExp(`(?:^|\\n)${n} 0 obj\\s*<<([\\s\\S]*?)>>\\s*stream\\r?\\n`).exec(text);
  if (!obj) return undefined;
  const dict = obj[1]!;
  const direct = /\/Length (\d+)(?!\s+\d+\s+R)/.exec(dict)?.[1];
  const indirect = /\/Length (\d+) 0 R/.exec(dict)?.[1];
  const length = direct !== undefined ? Number(direct) : indirect !== undefined ? Number(new RegExp(`(?:^|\\n)${indirect} 0 obj\\s*(\\d+)`).exec(text)?.[1]) : NaN;
  if (!Number.isFinite(length)) return undefined;
  const declared = Number(/\/Size (\d+)/.exec(dict)?.[1] ?? 0);
  if (declared > maxBytes) throw new AttachmentTooLarge(maxBytes);
  const start = obj.index + obj[0].length;
  const raw = bytes.subarray(start, start + length);
  if (!/\/Filter \/FlateDecode/.test(dict)) {
    if (raw.length > maxBytes) throw new AttachmentTooLarge(maxBytes);
    return new Uint8Array(raw);
  }
  try {
    return new Uint8Array(inflateSync(raw, { maxOutputLength: maxBytes }));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError) throw new AttachmentTooLarge(maxBytes);
    throw err;
  }
}

/** A PDF literal string's escapes: \( \) \\ and octal. */
function pdfString(s: string): string {
  const latin = s.replace(/\\([()\\])/g, '$1').replace(/\\([0-7]{1,3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8)));
  // PDFKit writes non-ASCII names as UTF-16BE with a byte order mark.
  if (latin.startsWith('\u00fe\u00ff')) return Buffer.from(latin.slice(2), 'latin1').swap16().toString('utf16le');
  return latin;
}
