import { basename, dirname, join, resolve } from 'node:path';
import { compose, groupMessages, messageContext, splitBySize, type Composed, type MailSettings, type Message } from '../mail/compose.js';
import { collectPdfs, readFicha, type FichaToSend } from '../mail/fichas.js';
import { appendJournal, defaultJournalPath, pending, readJournal, unconfirmed } from '../mail/journal.js';
import { parseMailbox, readRecipients, type ParsedRecipients } from '../mail/recipients.js';
import { recipientsTemplate } from '../mail/recipientsTemplate.js';
import { safeServer, smtpSender } from '../mail/send.js';
import { deadlineOf, readMailSettings } from '../mail/settings.js';
import { count, fileSlug, sizeOf } from '../mail/spanish.js';
import { osErrorText } from '../diagnostics/osError.js';
import { writeAtomic } from '../output/write.js';
import { checkOutDir } from './paths.js';

export interface MailCliOptions {
  recipients?: string;
  /** Writes the recipients workbook to fill (one row per program of the fichas) instead of mailing. */
  templateRecipients?: string;
  /** The message settings file (who signs, contact, deadline). */
  settings?: string;
  institution?: string;
  contact?: string;
  deadline?: string;
  emlDir?: string;
  send?: boolean;
  dryRun?: boolean;
  from?: string;
  replyTo?: string;
  smtp?: string;
  connections: string;
  retries: string;
  retryDelay: string;
  journal?: string;
  force?: boolean;
  /** Send again what an earlier run left `enviando` in the journal (it may have been delivered). */
  resendUnconfirmed?: boolean;
  /** Attach PDFs the manifest does not list as current (see collectPdfs). */
  includeStale?: boolean;
  /** Seconds any SMTP step may take. */
  timeout?: string;
  maxAttachment: string;
  templates?: string;
}


/**
 * `ficha mail <pdf|carpeta|manifest.json>... --recipients FILE.csv (--eml-dir DIR | --send | --dry-run)`.
 * `stop` (Ctrl-C): no new message is started; those the server has are waited for (each step
 * bounded by --timeout), journalled, and the command returns 130.
 */
export async function mailCommand(inputs: string[], opts: MailCliOptions, stop?: AbortSignal): Promise<number> {
  if (opts.templateRecipients !== undefined) {
    if (opts.emlDir !== undefined || opts.send || opts.dryRun) return usage('--template-recipients escribe el libro de destinatarios por llenar; no se usa con --eml-dir, --send ni --dry-run');
    return writeRecipientsTemplate(inputs, opts.templateRecipients);
  }
  const modes = [opts.emlDir !== undefined, opts.send === true, opts.dryRun === true].filter(Boolean).length;
  if (modes !== 1) return usage('indique uno de --eml-dir CARPETA, --send o --dry-run (o --template-recipients LIBRO.xlsx)');
  if (!opts.recipients) return usage('falta --recipients ARCHIVO (.csv o .xlsx); --template-recipients LIBRO.xlsx escribe uno por llenar');
  const settings = mailSettings(opts);
  if (typeof settings === 'number') return settings;
  const from = opts.from ?? process.env.FICHA_MAIL_FROM;
  // The same check as a recipient's: a line break in --from would write headers of its own (Bcc:).
  for (const [name, value, required] of [['--from (o FICHA_MAIL_FROM)', from, !opts.dryRun], ['--reply-to', opts.replyTo, false]] as const) {
    if (value === undefined && !required) continue;
    const m = parseMailbox(value ?? '');
    if (typeof m === 'string') return usage(`${name}: se esperaba una dirección de correo («Nombre <usuario@dominio.cl>» o «usuario@dominio.cl»); «${JSON.stringify(value ?? '').slice(1, -1)}» ${m}`);
  }
  const smtp = opts.smtp ?? process.env.FICHA_SMTP_URL;
  if (opts.send && !smtp) return usage('--send necesita --smtp smtp://usuario:clave@servidor:puerto (o FICHA_SMTP_URL)');
  if (smtp && !/^smtps?:\/\//.test(smtp)) return usage(`--smtp: se esperaba una URL smtp:// o smtps:// (${safeServer(smtp)})`);
  const timeout = opts.timeout ?? '60';
  const numbers = { '--connections': [opts.connections, 1], '--retries': [opts.retries, 0], '--retry-delay': [opts.retryDelay, 0], '--max-attachment': [opts.maxAttachment, 0.001], '--timeout': [timeout, 0.001] } as const;
  for (const [name, [v, min]] of Object.entries(numbers)) {
    if (!(Number(v) >= min)) return usage(`${name}: se esperaba un número >= ${min}; se encontró «${v}»`);
  }
  const [connections, retries, retryDelay, maxMb] = [opts.connections, opts.retries, opts.retryDelay, opts.maxAttachment].map(Number) as [number, number, number, number];
  if (opts.emlDir) {
    const problem = checkOutDir(opts.emlDir, '--eml-dir');
    if (problem) return usage(problem);
  }
  let parsed: ParsedRecipients;
  try {
    parsed = await readRecipients(opts.recipients);
  } catch (err) {
    return usage(`--recipients ${opts.recipients}: no se pudo leer (${osErrorText(err)})`);
  }

  let problems = 0;
  const { byProgram, problems: listProblems, readAs } = parsed;
  if (readAs) console.error(`${opts.recipients}: leído como ${readAs}`);
  for (const p of listProblems) console.error(`${p.where}: error ${p.message}`);
  problems += listProblems.length;

  const { files: current, problems: missing, stale } = collectPdfs(inputs);
  for (const m of missing) console.error(m);
  problems += missing.length;
  for (const s of stale) console.error(`${s.path}: ${s.reason}; ${opts.includeStale ? 'se envía igual (--include-stale)' : 'no se envía (--include-stale para enviarla igual)'}`);
  if (!opts.includeStale) problems += stale.length;
  const files = opts.includeStale ? [...current, ...stale.map((s) => s.path)] : current;
  const fichas: FichaToSend[] = [];
  for (const f of files) {
    const r = await readFicha(f);
    if (typeof r === 'string') {
      console.error(r);
      problems++;
    } else fichas.push(r);
  }
  const { messages, unaddressed } = groupMessages(fichas, byProgram);
  for (const f of unaddressed) console.error(`${f.path}: ${opts.recipients} no tiene destinatarios válidos para programa.id «${f.programaId}»; no se envía`);
  problems += unaddressed.length;

  const journalPath = opts.journal ?? defaultJournalPath(inputs, files);
  const journal = opts.force ? [] : readJournal(journalPath);
  const maxBytes = maxMb * 1024 * 1024;
  let skipped = 0;
  let refused = 0;
  let failed = 0;
  let done = 0;
  let held = 0;
  const toDo: Message[] = [];
  for (const m of messages) {
    const rest = opts.send ? pending(m, journal) : m;
    if (!rest) {
      skipped++;
      continue;
    }
    if (opts.send && !opts.resendUnconfirmed && unconfirmed(rest, journal)) {
      console.error(`sin confirmar, a ${rest.to.join(', ')}: un envío anterior quedó interrumpido mientras el servidor tenía este mensaje (${journalPath}); pudo haber llegado. No se envía de nuevo sin --resend-unconfirmed`);
      held++;
      continue;
    }
    // Over the limit: as many messages as it takes, each under it. Only a PDF larger than the limit alone is refused.
    const { parts, tooLarge } = splitBySize(rest, maxBytes);
    for (const f of tooLarge) {
      console.error(`${f.path}: pesa ${sizeOf(f.bytes.length)}, más que --max-attachment ${maxMb.toLocaleString('es-CL')} MB; no se envía`);
      refused++;
    }
    if (parts.length > 1) console.error(`mensaje a ${rest.to.join(', ')}: los adjuntos suman ${sizeOf(rest.fichas.reduce((n, f) => n + f.bytes.length, 0))}; van en ${parts.length} mensajes de hasta ${maxMb.toLocaleString('es-CL')} MB`);
    toDo.push(...parts);
  }

  if (opts.dryRun) {
    for (const m of toDo) console.log(`a ${m.to.join(', ')}${m.cc.length ? ` (cc ${m.cc.join(', ')})` : ''}: ${m.fichas.map((f) => f.fileName).join(', ')}`);
    console.log(`${toDo.length} mensaje${toDo.length === 1 ? '' : 's'} por enviar (nada se envió)`);
    return problems || refused ? 1 : 0;
  }
  const composed: Composed[] = [];
  for (const m of toDo) composed.push(await compose(m, { from: from!, replyTo: opts.replyTo, templatesDir: opts.templates, settings, draft: opts.emlDir !== undefined }));

  let interrupted = false;
  if (opts.emlDir) {
    const names = new Set<string>();
    for (const c of composed) {
      const base = emlName(c.message);
      let name = `${base}.eml`;
      // Unique in this run: two institutions of the same name (two lists of recipients) are two files.
      for (let n = 2; names.has(name); n++) name = `${base}-${n}.eml`;
      names.add(name);
      writeAtomic(opts.emlDir, name, c.raw);
      console.log(`${join(opts.emlDir, name)}: borrador a ${c.message.to.join(', ')}, ${count(c.message.fichas.length, 'ficha')}`);
      done++;
    }
  } else {
    const sender = smtpSender({ url: smtp!, connections, retries, retryDelayMs: retryDelay, timeoutMs: Number(timeout) * 1000 });
    try {
      const queue = [...composed];
      const entry = (c: Composed, estado: 'enviando' | 'aceptado' | 'fallido', respuesta: string, rejected = new Set<string>()) => ({
        fecha: new Date().toISOString(),
        estado,
        message_id: c.messageId,
        to: c.message.to.filter((a) => !rejected.has(a)),
        cc: c.message.cc.filter((a) => !rejected.has(a)),
        adjuntos: c.message.fichas.map((f) => ({ nombre: f.fileName, sha256: f.sha256 })),
        respuesta,
      });
      const worker = async () => {
        for (let c = queue.shift(); c; c = queue.shift()) {
          if (stop?.aborted) {
            interrupted = true;
            break;
          }
          // Before the server has it: a run stopped from here on leaves it «enviando», and the next
          // run asks before sending it again.
          appendJournal(journalPath, entry(c, 'enviando', ''));
          const r = await sender.send(c);
          const who = `${c.message.to.join(', ')}${c.message.cc.length ? ` (cc ${c.message.cc.join(', ')})` : ''}`;
          if (r.status === 'sent') {
            const rejected = new Set(r.rejected.map((a) => a.toLowerCase()));
            appendJournal(journalPath, entry(c, 'aceptado', r.response, rejected));
            done++;
            console.log(`enviado a ${who}: ${c.message.fichas.map((f) => f.fileName).join(', ')}${r.attempts > 1 ? ` (tras ${r.attempts} intentos)` : ''}`);
            if (rejected.size) {
              refused++;
              console.error(`rechazados por el servidor: ${[...rejected].join(', ')}`);
            }
          } else if (r.status === 'refused') {
            appendJournal(journalPath, entry(c, 'fallido', r.response));
            refused++;
            console.error(`rechazado, a ${who}: ${r.response}`);
          } else {
            appendJournal(journalPath, entry(c, 'fallido', r.response));
            failed++;
            console.error(`falló tras ${r.attempts} intento${r.attempts === 1 ? '' : 's'}, a ${who}: ${r.response}`);
          }
        }
      };
      await Promise.all(Array.from({ length: Math.min(connections, composed.length || 1) }, worker));
    } finally {
      sender.close();
    }
  }
  const notSent = interrupted ? composed.length - done - refused - failed : 0;
  console.log(
    `${count(done, opts.emlDir ? 'escrito' : 'enviado')}, ${count(skipped, 'omitido')} (ya enviados), ${count(refused, 'rechazado')}, ${count(failed, 'fallido')}` +
      `${held ? `, ${held} sin confirmar` : ''}${notSent ? `, ${notSent} sin enviar (interrumpido)` : ''}${problems ? `, ${count(problems, 'problema')}` : ''}` +
      `${opts.send ? ` · ${safeServer(smtp!)} · registro ${journalPath}` : ''}`,
  );
  if (interrupted) return 130;
  return problems || refused || failed || held ? 1 : 0;
}

/** A draft's file name: the recipients' institution and the years («servicio-nacional-del-adulto-mayor-2025»). */
function emlName(m: Message): string {
  const who = messageContext(m).institucion ?? m.to[0]!.split('@')[1]!;
  const years = [...new Set(m.fichas.map((f) => f.anio))].sort((a, b) => a - b);
  const span = years.length === 1 ? `${years[0]}` : `${years[0]}-${years[years.length - 1]}`;
  return `${fileSlug(who)}-${span}${m.part ? `-parte-${m.part.index}-de-${m.part.count}` : ''}`;
}

/** Settings from --settings, overridden by --institution, --contact and --deadline; an exit status when unusable. */
function mailSettings(opts: MailCliOptions): MailSettings | number {
  let settings: MailSettings = {};
  if (opts.settings !== undefined) {
    try {
      const read = readMailSettings(opts.settings);
      for (const p of read.problems) console.error(p);
      if (read.problems.length) return 2;
      settings = read.settings;
    } catch (err) {
      return usage(`--settings ${opts.settings}: no se pudo leer (${osErrorText(err)})`);
    }
  }
  if (opts.institution !== undefined) settings.institucion = opts.institution;
  if (opts.contact !== undefined) settings.contacto = opts.contact;
  if (opts.deadline !== undefined) {
    const date = deadlineOf(opts.deadline);
    if (!date) return usage(`--deadline: se esperaba una fecha que exista (AAAA-MM-DD o DD/MM/AAAA); se encontró «${opts.deadline}»`);
    settings.plazo = date;
  }
  return settings;
}

/** `--template-recipients LIBRO.xlsx`: the workbook to fill, one row per program of the fichas. */
async function writeRecipientsTemplate(inputs: string[], out: string): Promise<number> {
  const { files, problems, stale } = collectPdfs(inputs);
  for (const p of problems) console.error(p);
  const fichas: FichaToSend[] = [];
  for (const f of [...files, ...stale.map((s) => s.path)]) {
    const r = await readFicha(f);
    if (typeof r === 'string') console.error(r);
    else fichas.push(r);
  }
  if (fichas.length === 0) return usage('no hay fichas de las que sacar los programas');
  const bytes = await recipientsTemplate(fichas);
  try {
    writeAtomic(dirname(resolve(out)), basename(out), bytes);
  } catch (err) {
    return usage(`--template-recipients ${out}: no se pudo escribir (${osErrorText(err)})`);
  }
  const programs = new Set(fichas.map((f) => f.programaId)).size;
  console.log(`${out}: ${count(programs, 'programa')} por llenar (columnas to y cc; varias direcciones separadas por «;»)`);
  return problems.length ? 1 : 0;
}

function usage(message: string): number {
  console.error(`ficha mail: ${message}`);
  return 2;
}
