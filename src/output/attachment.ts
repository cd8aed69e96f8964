import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** The YAML source a ficha carries as an attached file, or undefined if it has none. */
export async function extractAttachment(pdf: Uint8Array): Promise<{ name: string; content: Uint8Array } | undefined> {
  const task = getDocument({ data: new Uint8Array(pdf), verbosity: 0, isEvalSupported: false, useSystemFonts: false });
  const doc = await task.promise;
  try {
    const attachments = ((await doc.getAttachments()) ?? {}) as Record<string, { filename: string; content: Uint8Array }>;
    const entry = Object.values(attachments).find((a) => /\.ya?ml$/i.test(a.filename)) ?? Object.values(attachments)[0];
    return entry && { name: entry.filename, content: entry.content };
  } finally {
    await doc.destroy();
  }
}
