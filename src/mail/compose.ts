import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import MailComposer from 'nodemailer/lib/mail-composer';
import { TEMPLATES_DIR } from '../paths.js';
import type { FichaToSend } from './fichas.js';
import type { Recipients } from './recipients.js';

/** One message: every ficha for the same To and Cc goes in it, one PDF attachment each. */
export interface Message {
  to: string[];
  cc: string[];
  fichas: FichaToSend[];
}

export interface ComposeOptions {
  from: string;
  replyTo?: string;
  templatesDir?: string;
  date?: Date;
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
    const m = groups.get(key) ?? { to, cc, fichas: [] };
    m.fichas.push(f);
    groups.set(key, m);
  }
  return { messages: [...groups.values()], unaddressed };
}

const compiled = new Map<string, { asunto: HandlebarsTemplateDelegate; texto: HandlebarsTemplateDelegate; html: HandlebarsTemplateDelegate }>();

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

/** The RFC 5322 message (UTF-8 headers and bodies, PDF attachments byte for byte). */
export async function compose(m: Message, opts: ComposeOptions): Promise<Composed> {
  const t = templates(opts.templatesDir ?? TEMPLATES_DIR);
  const anios = [...new Set(m.fichas.map((f) => f.anio))].sort().join(', ');
  const servicios = [...new Set(m.fichas.map((f) => f.servicio))];
  const context = { fichas: m.fichas, una: m.fichas.length === 1, anios, servicio: servicios.length === 1 ? servicios[0] : '' };
  const subject = t.asunto(context).replace(/\s+/g, ' ').trim();
  const messageId = messageIdOf(m, opts.from);
  const mail = new MailComposer({
    from: opts.from,
    to: m.to,
    cc: m.cc.length ? m.cc : undefined,
    replyTo: opts.replyTo,
    subject,
    messageId,
    date: opts.date ?? new Date(),
    text: t.texto(context),
    html: t.html({ ...context, asunto: subject }),
    attachments: m.fichas.map((f) => ({ filename: f.fileName, content: Buffer.from(f.bytes), contentType: 'application/pdf' })),
  });
  const raw = await new Promise<Buffer>((resolve, reject) => mail.compile().build((err, out) => (err ? reject(err) : resolve(out))));
  return { message: m, subject, messageId, raw };
}
