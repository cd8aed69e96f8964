import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { extractAttachment } from '../output/attachment.js';
import { runStages, summaryOf, type FichaSummary } from '../pipeline/stages.js';

/**
 * What a ficha's PDF says of itself, from the YAML it carries: the input's name, the PDF's file
 * name, its headline figures. Undefined for a PDF without a valid input (not a ficha, or one that
 * this version of ficha no longer accepts).
 */
export async function inputOfPdf(bytes: Uint8Array): Promise<{ name: string; fileName: string; summary: FichaSummary; diagnostics: Diagnostic[] } | undefined> {
  const attached = await extractAttachment(bytes).catch(() => undefined);
  if (!attached) return undefined;
  const staged = runStages(attached.name, attached.content, { layout: false });
  if (!staged.input || !staged.view) return undefined;
  const fileName = `${staged.input.programa.id}-${staged.input.ficha.anio}.pdf`;
  return { name: attached.name, fileName, summary: summaryOf(staged.input, staged.view), diagnostics: staged.diagnostics };
}
