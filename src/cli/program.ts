import { Command, CommanderError } from 'commander';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../paths.js';
import { spanishError, spanishHelp } from './spanish.js';

// Each command loads its own modules when it runs: --help and validate never load PDFKit or Vega.
const VERSION = (JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;

/** What the command's entry set up before parsing (cli/main.ts); in-process callers (tests) set nothing. */
export interface StartupState {
  /** V8's --interrupt-budget the entry set, for a batch to set back after changing it. */
  interruptBudget?: number;
}

/** The whole command line: `ficha <command> …` -> exit status. Usable in-process (tests). */
export async function main(argv: string[], startup: StartupState = {}): Promise<number> {
  const program = new Command();
  program
    .name('ficha')
    .description('Genera la ficha de monitoreo y seguimiento (PDF) de programas públicos a partir de archivos YAML (formato 1).')
    .version(VERSION, '-V, --version', 'muestra la versión')
    .helpOption('-h, --help', 'muestra esta ayuda')
    .helpCommand('help [comando]', 'muestra la ayuda de un comando')
    .addHelpText(
      'after',
      '\nMetodologías (ficha.metodologia): dipres-2022 (por defecto) y dipres-2025, archivos de src/rulesets/; ' +
        'otras, en carpetas indicadas por la variable FICHA_RULESETS (separadas por :).\nDocumentación: README.md.',
    )
    .configureOutput({
      writeOut: (str) => process.stdout.write(spanishHelp(str)),
      writeErr: (str) => process.stderr.write(spanishHelp(str)),
      outputError: (str, write) => write(spanishError(str)),
    })
    .exitOverride();

  program
    .command('render')
    .description('renderiza cada archivo YAML (o cada .yaml de una carpeta, o cada programa de un libro .xlsx) en <out>/<programa.id>-<anio>.pdf')
    .argument('<entradas...>', 'archivos YAML, carpetas o libros de Excel (ficha export)')
    .option('-o, --out <carpeta>', 'carpeta de salida', 'output')
    .option('--templates <carpeta>', 'carpeta de plantillas propia (ficha.hbs, partials/, theme.json)')
    .option('--strict', 'trata las advertencias de consistencia como errores')
    .option('--date <fecha>', 'fecha de creación del PDF (ISO 8601); por defecto SOURCE_DATE_EPOCH, la clave ficha.fecha de la entrada o el 31 de diciembre del año monitoreado')
    .option('-j, --jobs <n>', 'fichas en paralelo (por defecto, los núcleos disponibles); un lote de menos de 16 archivos se genera en este proceso')
    .option('--no-charts', 'ficha sólo con texto y tablas, sin gráficos')
    .option('--changed', 'omite las entradas cuyo PDF está al día (misma entrada, plantillas, reglas, versión y opciones)')
    .option('--shard <K/N>', 'genera sólo el fragmento K de N (reparto estable por nombre de archivo), para repartir un año entre máquinas')
    .option('--fail-fast', 'no inicia más fichas tras la primera que falle')
    .option('--wait', 'si otra ejecución está escribiendo en la carpeta de salida, espera a que termine (sin esto, sale con código 2)')
    .option('-q, --quiet', 'no muestra el progreso')
    .option('--csv-sep <sep>', 'separador de manifest.csv: «,» (para programas) o «;» (el que Excel en español abre con doble clic)', ',')
    .helpOption('-h, --help', 'muestra esta ayuda')
    .action(async (inputs: string[], opts) => {
      const { commandModule } = await import('../startup/compiled.js');
      const { renderCommand } = await commandModule('render', () => import('./render.js'));
      process.exitCode = await renderCommand(inputs, { ...opts, interruptBudget: startup.interruptBudget });
    });

  program
    .command('validate')
    .description('valida archivos YAML y muestra sus diagnósticos, sin generar PDF')
    .argument('<entradas...>', 'archivos YAML o carpetas')
    .option('--strict', 'trata las advertencias de consistencia como errores')
    .option('--json', 'diagnósticos como JSON (una lista por archivo), para otros programas')
    .option('--templates <carpeta>', 'carpeta de plantillas propia, para validar también contra ella')
    .helpOption('-h, --help', 'muestra esta ayuda')
    .action(async (inputs: string[], opts) => {
      const { commandModule } = await import('../startup/compiled.js');
      const { validateCommand } = await commandModule('validate', () => import('./validate.js'));
      process.exitCode = validateCommand(inputs, opts);
    });

  const manifest = program.command('manifest').description('manifiestos de lotes (manifest.json, manifest.csv y manifest.xlsx)').helpOption('-h, --help', 'muestra esta ayuda');
  manifest
    .command('merge')
    .description('une los manifiestos de los fragmentos de un año (--shard) en uno')
    .argument('<manifiestos...>', 'archivos manifest.json')
    .requiredOption('-o, --out <carpeta>', 'carpeta donde escribir manifest.json, manifest.csv y manifest.xlsx')
    .option('--prefer <newest>', 'ante filas que no coinciden sobre una misma ficha, toma la del manifiesto más reciente (sin esto, no se escribe)')
    .option('--csv-sep <sep>', 'separador de manifest.csv: «,» o «;» (Excel en español)', ',')
    .helpOption('-h, --help', 'muestra esta ayuda')
    .action(async (files: string[], opts) => {
      const { mergeCommand } = await import('./manifest.js');
      process.exitCode = await mergeCommand(files, opts);
    });

  program
    .command('sample')
    .description('escribe archivos de entrada válidos y variados (datos inventados, textos reales), para pruebas y mediciones')
    .requiredOption('-n, --count <n>', 'cuántos archivos')
    .option('--seed <n>', 'semilla: la misma semilla da los mismos archivos', '1')
    .option('--warnings', 'una inconsistencia deliberada en uno de cada tres archivos')
    .requiredOption('-o, --out <carpeta>', 'carpeta de salida')
    .helpOption('-h, --help', 'muestra esta ayuda')
    .action(async (opts) => {
      const { sampleCommand } = await import('./sample.js');
      process.exitCode = sampleCommand(opts);
    });

  program
    .command('mail')
    .description('prepara (--eml-dir) o envía (--send) por correo las fichas a cada institución, según una lista de destinatarios (CSV o Excel)')
    .argument('<fichas...>', 'fichas PDF, carpetas o manifest.json')
    .option('--recipients <archivo>', 'destinatarios por programa, .csv (con «,» o «;», UTF-8 o Windows-1252) o .xlsx: columnas programa.id, to, cc (varias direcciones separadas por «;») e institucion (opcional)')
    .option('--template-recipients <libro.xlsx>', 'escribe el libro de destinatarios por llenar, una fila por programa de las fichas')
    .option('--eml-dir <carpeta>', 'escribe un borrador .eml por mensaje (Outlook y Thunderbird lo abren para editar y enviar), sin enviar')
    .option('--send', 'envía por SMTP')
    .option('--dry-run', 'muestra quién recibiría qué, sin enviar ni escribir')
    .option('--from <dirección>', 'remitente (o FICHA_MAIL_FROM)')
    .option('--reply-to <dirección>', 'dirección de respuesta')
    .option('--smtp <url>', 'servidor: smtp://usuario:clave@servidor:587 o smtps://… (o FICHA_SMTP_URL)')
    .option('--connections <n>', 'conexiones SMTP simultáneas', '2')
    .option('--retries <n>', 'reintentos ante una falla temporal (4xx)', '3')
    .option('--retry-delay <ms>', 'espera antes del primer reintento; se duplica en cada uno', '2000')
    .option('--journal <archivo>', 'registro de envíos (por defecto envios.jsonl junto al manifiesto, o en la carpeta que contiene todas las fichas)')
    .option('--force', 'envía de nuevo aunque el registro diga que ya se envió')
    .option('--include-stale', 'adjunta también las fichas que el manifiesto de la carpeta no registra como vigentes')
    .option('--resend-unconfirmed', 'envía de nuevo los mensajes que un envío interrumpido dejó sin confirmar (pudieron haber llegado)')
    .option('--timeout <s>', 'tiempo máximo de cada paso SMTP (conexión, saludo, cada respuesta), en segundos', '60')
    .option('--max-attachment <MB>', 'tamaño máximo de los adjuntos de un mensaje; las fichas que lo superan juntas van en varios mensajes', '10')
    .option('--settings <correo.yaml>', 'firma y plazo de los mensajes: claves institucion, unidad, contacto y plazo')
    .option('--institution <nombre>', 'institución que firma (sobre --settings)')
    .option('--contact <contacto>', 'a quién enviar observaciones (sobre --settings)')
    .option('--deadline <fecha>', 'fecha límite para observaciones, AAAA-MM-DD o DD/MM/AAAA (sobre --settings)')
    .option('--templates <carpeta>', 'carpeta de plantillas propia (usa su mail/)')
    .helpOption('-h, --help', 'muestra esta ayuda')
    .action(async (inputs: string[], opts) => {
      const { mailCommand } = await import('./mail.js');
      // Ctrl-C: no new message; those the server has are awaited and journalled (exit 130). A
      // second Ctrl-C ends at once.
      const stop = new AbortController();
      const onSignal = () => {
        if (stop.signal.aborted) process.exit(130);
        console.error('interrumpido: no se inicia ningún mensaje más; se esperan las respuestas del servidor (Ctrl-C otra vez para salir ya)');
        stop.abort();
      };
      process.on('SIGINT', onSignal).on('SIGTERM', onSignal);
      try {
        process.exitCode = await mailCommand(inputs, opts, stop.signal);
      } finally {
        process.off('SIGINT', onSignal).off('SIGTERM', onSignal);
      }
    });

  program
    .command('summary')
    .description('resumen del año: un PDF con los conteos, las distribuciones y cada programa de una carpeta de fichas')
    .argument('<carpeta>', 'carpeta de salida de ficha render (con manifest.json)')
    .requiredOption('-o, --out <archivo.pdf>', 'el PDF del resumen (junto a las fichas, el manifiesto lo registra)')
    .option('--ministerio <nombre>', 'sólo los programas de este ministerio (se puede repetir)', (v: string, acc: string[] | undefined) => [...(acc ?? []), v])
    .option('--templates <carpeta>', 'carpeta de plantillas propia (usa su resumen.hbs)')
    .option('--no-charts', 'resumen sin gráficos')
    .option('--date <fecha>', 'fecha del PDF (AAAA-MM-DD); por defecto el 31 de diciembre del último año resumido')
    .option('-q, --quiet', 'no muestra el resultado')
    .helpOption('-h, --help', 'muestra esta ayuda')
    .action(async (folder: string, opts) => {
      const { summaryCommand } = await import('./summary.js');
      process.exitCode = await summaryCommand(folder, opts);
    });

  program
    .command('export')
    .description('los archivos YAML de un año en un libro de Excel, para revisarlos y editarlos (--empty: el libro por llenar)')
    .argument('[entradas...]', 'archivos YAML o carpetas')
    .requiredOption('-o, --out <libro.xlsx>', 'el libro a escribir')
    .option('--empty', 'el libro por llenar: sus hojas, columnas y listas, sin programas')
    .helpOption('-h, --help', 'muestra esta ayuda')
    .action(async (inputs: string[], opts) => {
      const { exportCommand } = await import('./workbook.js');
      process.exitCode = await exportCommand(inputs, opts);
    });

  program
    .command('import')
    .description('un libro de Excel (ficha export) en un archivo YAML por programa y año; los errores, en su celda')
    .argument('<libro.xlsx>', 'el libro')
    .requiredOption('-o, --out <carpeta>', 'carpeta donde escribir los YAML')
    .helpOption('-h, --help', 'muestra esta ayuda')
    .action(async (book: string, opts) => {
      const { importCommand } = await import('./workbook.js');
      process.exitCode = await importCommand(book, opts);
    });

  program
    .command('serve')
    .description('servicio HTTP de fichas (POST /api/render, /api/validate) y editor en el navegador (GET /)')
    .option('--port <n>', 'puerto', '8080')
    .option('--host <dirección>', 'dirección en que escucha (por defecto sólo este computador)', '127.0.0.1')
    .option('--templates <carpeta>', 'carpeta de plantillas propia')
    .option('-j, --jobs <n>', 'fichas en paralelo (por defecto, los núcleos disponibles)')
    .option('--queue <n>', 'fichas en espera antes de responder 503', '64')
    .option('--timeout <s>', 'tiempo máximo por ficha o validación, en segundos (luego 503)', '30')
    .option('--client-timeout <s>', 'tiempo que tiene un cliente para enviar su petición completa, en segundos (luego 408)', '10')
    .option('--body-limit <MB>', 'tamaño máximo del YAML de una petición', '2')
    .option('--cors <origen>', 'permite peticiones de este origen (p. ej. https://portal.ministerio.cl)')
    .option('--summary <carpeta>', 'muestra el resumen del año de esta carpeta de salida en /resumen (tabla que se ordena y filtra; cada programa abre su ficha)')
    .helpOption('-h, --help', 'muestra esta ayuda')
    .action(async (opts) => {
      const { serveCommand } = await import('./serve.js');
      process.exitCode = await serveCommand(opts);
    });

  program
    .command('schema')
    .description('escribe el esquema JSON (draft 2020-12) del formato de entrada, para editores y otros programas')
    .option('-o, --out <archivo>', 'archivo de salida (por defecto, la salida estándar)')
    .helpOption('-h, --help', 'muestra esta ayuda')
    .action(async (opts) => {
      const { schemaCommand } = await import('./schema.js');
      process.exitCode = schemaCommand(opts);
    });

  program
    .command('init')
    .description('escribe un esqueleto comentado de archivo de entrada, válido tal como está (S/I donde faltan datos)')
    .argument('<programa-id>', 'identificador del programa (minúsculas, dígitos y guiones)')
    .option('--anio <año>', 'año monitoreado (por defecto, el año pasado)')
    .option('--metodologia <id>', 'conjunto de reglas de la sección II (dipres-2022 o dipres-2025)', 'dipres-2025')
    .option('-o, --out <archivo>', 'archivo de salida (por defecto <programa-id>-<año>.yaml; - para la salida estándar)')
    .option('--force', 'reemplaza el archivo si ya existe')
    .helpOption('-h, --help', 'muestra esta ayuda')
    .action(async (id: string, opts) => {
      const { initCommand } = await import('./init.js');
      process.exitCode = initCommand(id, opts);
    });

  program
    .command('extract')
    .description('extrae el YAML de entrada adjunto a una ficha PDF')
    .argument('<pdf>', 'ficha PDF generada por ficha')
    .option('-o, --out <archivo>', 'archivo de salida (por defecto, la salida estándar)')
    .option('--max-size <MB>', 'tamaño máximo del archivo adjunto', '10')
    .helpOption('-h, --help', 'muestra esta ayuda')
    .action(async (pdf: string, opts) => {
      const { extractCommand } = await import('./extract.js');
      process.exitCode = await extractCommand(pdf, opts);
    });

  const cache = program
    .command('cache')
    .description('la caché de ficha (FICHA_CACHE_DIR; vacía, la desactiva): lo que guarda y cómo vaciarla')
    .helpOption('-h, --help', 'muestra esta ayuda');
  cache
    .command('info')
    .description('muestra la carpeta, sus archivos (tamaño y si esta compilación los usa) y la identidad de la compilación')
    .option('--json', 'como JSON, para otros programas')
    .helpOption('-h, --help', 'muestra esta ayuda')
    .action(async (opts) => {
      const { cacheInfoCommand } = await import('./cache.js');
      process.exitCode = cacheInfoCommand(opts);
    });
  cache
    .command('clear')
    .description('borra todo lo que hay en la carpeta de la caché')
    .helpOption('-h, --help', 'muestra esta ayuda')
    .action(async () => {
      const { cacheClearCommand } = await import('./cache.js');
      process.exitCode = cacheClearCommand();
    });

  process.exitCode = undefined;
  try {
    await program.parseAsync(argv);
    return Number(process.exitCode ?? 0);
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
    console.error(`error interno: ${(err as Error).stack ?? err}`);
    return 3;
  } finally {
    process.exitCode = undefined;
  }
}
