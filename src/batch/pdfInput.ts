import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { extractAttachment } from '../output/attachment.js';
import { runStages, summaryOf, type FichaSummary, type Staged } from '../pipeline/stages.js';

/**
 * The YAML a ficha's PDF carries, run through the stages up to its view (no layout): `sin-adjunto`
 * for a PDF that carries none.
 */
export async function stagedOfPdf(bytes: Uint8Array): Promise<{ name: string; staged: Staged } | 'sin-adjunto'> {
  const attached = await extractAttachment(bytes).catch(() => undefined);
  if (!attached) return 'sin-adjunto';
  return { name: attached.name, staged: runStages(attached.name, attached.content, { layout: false }) };
}

/**
 * What a ficha's PDF says of itself, from the YAML it carries: the input's name, the PDF's file
 * name, its headline figures. Undefined for a PDF without a valid input (not a ficha, or one that
 * this version of ficha no longer accepts).
 */
export async function inputOfPdf(bytes: Uint8Array): Promise<{ name: string; fileName: string; summary: FichaSummary; diagnostics: Diagnostic[] } | undefined> {
  const read = await stagedOfPdf(bytes);
  if (read === 'sin-adjunto') return undefined;
  const { staged } = read;
  if (!staged.input || !staged.view) return undefined;
  const fileName = `${staged.input.programa.id}-${staged.input.ficha.anio}.pdf`;
  return { name: read.name, fileName, summary: summaryOf(staged.input, staged.view), diagnostics: staged.diagnostics };
}
