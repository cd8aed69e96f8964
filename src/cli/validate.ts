import { readFileSync } from 'node:fs';
import { hasErrors } from '../diagnostics/diagnostic.js';
import { formatDiagnostic, sortDiagnostics } from '../diagnostics/report.js';
import { runStages } from '../pipeline/pipeline.js';
import { collectInputs } from './inputs.js';

export function validateCommand(inputs: string[], opts: { strict?: boolean; json?: boolean }): number {
  const { files, missing } = collectInputs(inputs);
  for (const m of missing) console.error(`${m}: no existe el archivo o la carpeta`);
  if (files.length === 0) {
    console.error('no hay archivos YAML que validar');
    return 2;
  }
  let bad = 0;
  const report: { file: string; valid: boolean; diagnostics: unknown[] }[] = [];
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const staged = runStages(file, text, { strict: opts.strict });
    if (opts.json) {
      const valid = !hasErrors(staged.diagnostics);
      if (!valid) bad++;
      report.push({ file, valid, diagnostics: sortDiagnostics(staged.diagnostics) });
      continue;
    }
    for (const d of sortDiagnostics(staged.diagnostics)) console.error(formatDiagnostic(d, text));
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
