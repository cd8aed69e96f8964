import { readFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { SCHEMA_FILE } from '../paths.js';
import { osErrorText } from '../diagnostics/osError.js';
import { writeAtomic } from '../output/write.js';
import { sampleInputs } from '../sample/generate.js';
import { exportWorkbook, inputOf } from '../workbook/export.js';
import { formatProblem, importWorkbook } from '../workbook/import.js';
import { collectInputs } from './inputs.js';
import { checkOutDir } from './paths.js';


/**
 * `ficha export input/ --out libro.xlsx`: a year's YAML files as one workbook, to review and edit
 * in Excel; `--empty`: the workbook to fill, its sheets and lists without programs.
 */
export async function exportCommand(inputs: string[], opts: { out: string; empty?: boolean }): Promise<number> {
  if (!/\.xlsx$/i.test(opts.out)) return usage('export', `--out: se esperaba un archivo .xlsx; se encontró «${opts.out}»`);
  const read = [];
  let problems = 0;
  if (!opts.empty) {
    if (inputs.length === 0) return usage('export', 'indique archivos YAML o carpetas (o --empty para el libro por llenar)');
    const { files, missing } = collectInputs(inputs);
    for (const m of missing) console.error(`${m}: no existe el archivo o la carpeta`);
    problems += missing.length;
    for (const f of files) {
      try {
        read.push(inputOf(readFileSync(f, 'utf8')));
      } catch (err) {
        console.error(`${f}: no se pudo leer (${(err as NodeJS.ErrnoException).code ? osErrorText(err) : 'no es YAML válido'})`);
        problems++;
      }
    }
  }
  // The empty workbook has the sheets and columns of a program with every block.
  const shape = inputOf(sampleInputs(1, { seed: 1 })[0]!.text);
  const bytes = await exportWorkbook(read, shape);
  const out = resolve(opts.out);
  try {
    writeAtomic(dirname(out), basename(out), bytes);
  } catch (err) {
    return usage('export', `--out ${opts.out}: no se pudo escribir (${osErrorText(err)})`);
  }
  console.log(`${opts.out}: ${opts.empty ? 'libro por llenar' : `${read.length} programa${read.length === 1 ? '' : 's'}`} (la hoja «Léame» explica cada hoja)`);
  return problems ? 1 : 0;
}

/**
 * `ficha import libro.xlsx --out input/`: one YAML file per program and year of the workbook,
 * every problem at its cell, all at once; no file for a program with an error.
 */
export async function importCommand(book: string, opts: { out: string }): Promise<number> {
  const problem = checkOutDir(opts.out);
  if (problem) return usage('import', problem);
  let bytes: Buffer;
  try {
    bytes = readFileSync(book);
  } catch (err) {
    return usage('import', `${book}: no se pudo leer (${osErrorText(err)})`);
  }
  // A new program's file starts as ficha init's do: the schema for the editor, and what it is.
  const schema = relative(resolve(opts.out), SCHEMA_FILE).split(sep).join('/');
  const { inputs, problems } = await importWorkbook(bytes, book, (p) => ` yaml-language-server: $schema=${schema}\n Ficha de monitoreo y seguimiento ${p.anio}: «${p.nombre}», importada de ${basename(book)} (ficha import).`);
  for (const p of problems) console.error(formatProblem(p));
  let written = 0;
  for (const i of inputs.filter((x) => x.ok)) {
    writeAtomic(opts.out, i.name, Buffer.from(i.text, 'utf8'));
    written++;
  }
  const refused = inputs.length - written;
  const errors = problems.filter((p) => p.severity === 'error').length;
  console.log(`${written} archivo${written === 1 ? '' : 's'} escrito${written === 1 ? '' : 's'} en ${join(opts.out)}${refused ? `, ${refused} programa${refused === 1 ? '' : 's'} con errores sin escribir` : ''}${errors ? ` · ${errors} error${errors === 1 ? '' : 'es'}` : ''}`);
  return errors ? 1 : 0;
}

function usage(command: string, message: string): number {
  console.error(`ficha ${command}: ${message}`);
  return 2;
}
