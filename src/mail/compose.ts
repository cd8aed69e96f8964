import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import MailComposer from 'nodemailer/lib/mail-composer';
import { TEMPLATES_DIR } from '../paths.js';
import type { FichaToSend } from './fichas.js';
import type { Recipients } from './recipients.js';
import { listOf } from '../format/format.js';
import { count, deInstitution, longDate } from './spanish.js';

/** One message: every ficha for the same To and Cc goes in it, one PDF attachment each. */
export interface Message {
  to: string[];
  cc: string[];
  fichas: FichaToSend[];
  /** Display names of the addresses, as the recipients list writes them. */
  names?: Record<string, string>;
  /** The recipients' institution, from the list's `institucion` column. */
  institucion?: string;
  /** Part `index` of `count`, when the fichas were split to keep each message under the size limit. */
  part?: { index: number; count: number };
}

/** Who signs the messages, whom to answer, and by when (`--settings correo.yaml` or options). */
export interface MailSettings {
  /** The sender's institution («Dirección de Presupuestos»). */
  institucion?: string;
  /** The sender's unit, the signature's first line. */
  unidad?: string;
  /** Whom observations go to: a name, an address or both. */
  contacto?: string;
  /** Deadline for observations, YYYY-MM-DD. */
  plazo?: string;
}

export interface ComposeOptions {
  from: string;
  replyTo?: string;
  templatesDir?: string;
  date?: Date;
  settings?: MailSettings;
  /** A draft for a mail program to open, edit and send (`X-Unsent: 1`): the .eml files. */
  draft?: boolean;
}

export interface Composed {
  message: Message;
  subject: string;
  messageId: string;
  raw: Buffer;
}

/** Groups fichas by their program's recipients; a ficha whose program has none is a problem. */
export function groupMessages(fichas: FichaToSend[], recipients: Map<string, Recipients>): { messages: Message[]; unaddressed: FichaToSend[] } {
  const groups = new Map<string, Message>();
  const unaddressed: FichaToSend[] = [];
  for (const f of [...fichas].sort((a, b) => a.fileName.localeCompare(b.fileName))) {
    const r = recipients.get(f.programaId);
    if (!r) {
      unaddressed.push(f);
      continue;
    }
    const to = [...new Set(r.to)].sort();
    const cc = [...new Set(r.cc)].filter((a) => !to.includes(a)).sort();
    const key = `${to.join(';')}|${cc.join(';')}`;
    const m = groups.get(key) ?? { to, cc, fichas: [], names: {}, ...(r.institucion ? { institucion: r.institucion } : {}) };
    Object.assign(m.names!, r.names);
    m.fichas.push(f);
    groups.set(key, m);
  }
  return { messages: [...groups.values()], unaddressed };
}

/**
 * A message's fichas in parts whose attachments add up to at most `maxBytes` each, in order; a
 * ficha larger than that alone is `tooLarge` (a PDF cannot be split).
 */
export function splitBySize(m: Message, maxBytes: number): { parts: Message[]; tooLarge: FichaToSend[] } {
  const tooLarge = m.fichas.filter((f) => f.bytes.length > maxBytes);
  const groups: FichaToSend[][] = [];
  let current: FichaToSend[] = [];
  let size = 0;
  for (const f of m.fichas.filter((x) => x.bytes.length <= maxBytes)) {
    if (current.length && size + f.bytes.length > maxBytes) {
      groups.push(current);
      current = [];
      size = 0;
    }
    current.push(f);
    size += f.bytes.length;
  }
  if (current.length) groups.push(current);
  const parts = groups.map((fichas, i) => ({ ...m, fichas, ...(groups.length > 1 ? { part: { index: i + 1, count: groups.length } } : {}) }));
  return { parts, tooLarge };
}

type Template = HandlebarsTemplateDelegate;
const compiled = new Map<string, { asunto: Template; texto: Template; html: Template }>();

function templates(dir: string) {
  let t = compiled.get(dir);
  if (!t) {
    const read = (name: string) => readFileSync(join(dir, 'mail', name), 'utf8');
    t = {
      asunto: Handlebars.compile(read('asunto.hbs'), { noEscape: true, strict: false }),
      texto: Handlebars.compile(read('texto.hbs'), { noEscape: true, strict: false }),
      html: Handlebars.compile(read('html.hbs'), { strict: false }),
    };
    compiled.set(dir, t);
  }
  return t;
}

/** A stable Message-ID: the same recipients and attachment bytes give the same id. */
function messageIdOf(m: Message, from: string): string {
  const hash = createHash('sha256').update(`${m.to.join(';')}|${m.cc.join(';')}|${m.fichas.map((f) => `${f.fileName}:${f.sha256}`).join(',')}`).digest('hex');
  const domain = /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? 'ficha.local';
  return `<ficha.${hash.slice(0, 32)}@${domain}>`;
}

/**
 * What the templates (templates/mail/) are given: the fichas, and the words their number and
 * years need in Spanish, so that a template never has to make a plural or a «del».
 */
export function messageContext(m: Message, settings: MailSettings = {}) {
  const anios = [...new Set(m.fichas.map((f) => f.anio))].sort((a, b) => a - b);
  const programas = [...new Set(m.fichas.map((f) => f.programaId))];
  const servicios = [...new Set(m.fichas.map((f) => f.servicio))];
  const institucion = m.institucion ?? (servicios.length === 1 ? servicios[0] : undefined);
  return {
    fichas: m.fichas,
    una: m.fichas.length === 1,
    unPrograma: programas.length === 1,
    /** «3 fichas» */
    nFichas: count(m.fichas.length, 'ficha'),
    /** «3 programas» */
    programas: count(programas.length, 'programa'),
    /** «2023, 2024 y 2025» */
    anios: listOf(anios),
    /** «del Servicio Nacional del Adulto Mayor», or nothing when the fichas are of several services. */
    deServicio: servicios.length === 1 ? deInstitution(servicios[0]!) : '',
    institucion,
    parte: m.part ? `parte ${m.part.index} de ${m.part.count}` : '',
    firma: { unidad: settings.unidad ?? 'Departamento de Monitoreo y Evaluación', institucion: settings.institucion ?? '' },
    contacto: settings.contacto ?? '',
    plazo: settings.plazo ? longDate(settings.plazo) : '',
  };
}

/** The RFC 5322 message (UTF-8 headers and bodies, PDF attachments byte for byte). */
export async function compose(m: Message, opts: ComposeOptions): Promise<Composed> {
  const t = templates(opts.templatesDir ?? TEMPLATES_DIR);
  const context = messageContext(m, opts.settings);
  const subject = t.asunto(context).replace(/\s+/g, ' ').trim();
  const messageId = messageIdOf(m, opts.from);
  const named = (a: string) => (m.names?.[a] ? { name: m.names[a]!, address: a } : a);
  const mail = new MailComposer({
    from: opts.from,
    to: m.to.map(named),
    cc: m.cc.length ? m.cc.map(named) : undefined,
    replyTo: opts.replyTo,
    subject,
    messageId,
    date: opts.date ?? new Date(),
    // Outlook and Thunderbird open a message marked unsent as a draft: editable, ready to send.
    headers: opts.draft ? { 'X-Unsent': '1' } : undefined,
    text: t.texto(context),
    html: t.html({ ...context, asunto: subject }),
    attachments: m.fichas.map((f) => ({ filename: f.fileName, content: Buffer.from(f.bytes), contentType: 'application/pdf' })),
  });
  const raw = await new Promise<Buffer>((resolve, reject) => mail.compile().build((err, out) => (err ? reject(err) : resolve(out))));
  return { message: m, subject, messageId, raw };
}
