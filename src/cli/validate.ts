import { hasErrors } from '../diagnostics/diagnostic.js';
import { formatDiagnostic, sortDiagnostics } from '../diagnostics/report.js';
import { runStages } from '../pipeline/stages.js';
import { collectInputs } from './inputs.js';
import { checkTemplatesDir } from './paths.js';
import { readInput } from '../load/readInput.js';

export function validateCommand(inputs: string[], opts: { strict?: boolean; json?: boolean; templates?: string }): number {
  const templatesProblem = opts.templates === undefined ? undefined : checkTemplatesDir(opts.templates);
  if (templatesProblem) {
    console.error(templatesProblem);
    return 2;
  }
  const { files, missing } = collectInputs(inputs);
  for (const m of missing) console.error(`${m}: no existe el archivo o la carpeta`);
  if (files.length === 0) {
    console.error('no hay archivos YAML que validar');
    return 2;
  }
  let bad = 0;
  const report: { file: string; valid: boolean; diagnostics: unknown[] }[] = [];
  for (const file of files) {
    // One unreadable entry (a folder named x.yaml, a FIFO, /dev/zero, no permission) never stops the others.
    const read = readInput(file);
    if (!read.bytes) {
      bad++;
      if (opts.json) report.push({ file, valid: false, diagnostics: read.diagnostics });
      else for (const d of read.diagnostics) console.error(formatDiagnostic(d));
      continue;
    }
    const bytes = read.bytes;
    const text = bytes.toString('utf8');
    // Templates are compiled only to check an institution's own copy (--templates).
    const staged = runStages(file, bytes, { strict: opts.strict, templatesDir: opts.templates, layout: opts.templates !== undefined });
    if (opts.json) {
      const valid = !hasErrors(staged.diagnostics);
      if (!valid) bad++;
      report.push({ file, valid, diagnostics: sortDiagnostics(staged.diagnostics) });
      continue;
    }
    for (const d of sortDiagnostics(staged.diagnostics)) console.error(formatDiagnostic(d, d.file === file ? text : undefined));
    if (hasErrors(staged.diagnostics)) bad++;
    else console.log(`${file}: válido${staged.diagnostics.length ? ` (${staged.diagnostics.length} advertencia${staged.diagnostics.length === 1 ? '' : 's'})` : ''}`);
  }
  if (opts.json) {
    console.log(JSON.stringify(report, null, 2));
    return bad > 0 || missing.length > 0 ? 1 : 0;
  }
  console.log(`${files.length - bad} válido${files.length - bad === 1 ? '' : 's'}, ${bad} con errores`);
  return bad > 0 || missing.length > 0 ? 1 : 0;
}
