import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { mailCommand, type MailCliOptions } from '../../src/cli/mail.js';
import { renderFicha } from '../../src/pipeline/pipeline.js';
import { REFERENCE_YAML } from '../helpers.js';
import { smtpServer } from './smtp.js';

/** Three fichas: two of one service (same recipients: one message), one of another. */
const PROGRAMS = [
  { id: 'redes-nacional', nombre: 'Redes de Oportunidades de Negocios Ñuble', servicio: 'Servicio de Cooperación Técnica' },
  { id: 'redes-regional', nombre: 'Asesoría Técnica en Región de Aysén', servicio: 'Servicio de Cooperación Técnica' },
  { id: 'otro-programa', nombre: 'Programa de Educación Intercultural', servicio: 'Corporación Nacional de Desarrollo Indígena' },
];
let fichasDir = '';
beforeAll(async () => {
  fichasDir = mkdtempSync(join(tmpdir(), 'ficha-mail-'));
  for (const p of PROGRAMS) {
    const text = REFERENCE_YAML.replace('id: redes-oportunidades-negocios', `id: ${p.id}`)
      .replace('nombre: Redes de Oportunidades de Negocios', `nombre: ${p.nombre}`)
      .replace('servicio: Servicio de Cooperación Técnica', `servicio: ${p.servicio}`);
    const r = await renderFicha(`${p.id}.yaml`, text, { charts: false });
    writeFileSync(join(fichasDir, r.fileName!), r.pdf!);
  }
});

const CSV = ['programa.id,to,cc', 'redes-nacional,gestion@sercotec.cl;jefa@sercotec.cl,monitoreo@dipres.cl', 'redes-regional,jefa@sercotec.cl; gestion@sercotec.cl,monitoreo@dipres.cl', 'otro-programa,"Unidad de Estudios <estudios@conadi.gob.cl>",'].join('\n');

function setup(csv = CSV) {
  const dir = mkdtempSync(join(tmpdir(), 'ficha-mail-run-'));
  const recipients = join(dir, 'destinatarios.csv');
  writeFileSync(recipients, csv);
  const opts = (extra: Partial<MailCliOptions>): MailCliOptions => ({ recipients, connections: '2', retries: '3', retryDelay: '10', maxAttachment: '10', from: 'Monitoreo DIPRES <monitoreo@dipres.cl>', journal: join(dir, 'envios.jsonl'), ...extra });
  return { dir, opts };
}

/** Console output of a command run, to check what it says and what it never says. */
function capture() {
  const lines: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a) => void lines.push(a.join(' ')));
  const err = vi.spyOn(console, 'error').mockImplementation((...a) => void lines.push(a.join(' ')));
  return { text: () => lines.join('\n'), restore: () => (log.mockRestore(), err.mockRestore()) };
}
afterEach(() => vi.restoreAllMocks());

describe('ficha mail --eml-dir', () => {
  it('writes one RFC 5322 message per set of recipients, in Spanish, with the PDFs byte for byte', async () => {
    const { dir, opts } = setup();
    const out = join(dir, 'eml');
    const c = capture();
    const code = await mailCommand([fichasDir], opts({ emlDir: out, replyTo: 'consultas@dipres.cl' }));
    c.restore();
    expect(code, c.text()).toBe(0);
    const emls = readdirSync(out).sort();
    expect(emls).toHaveLength(2);
    const parsed: ParsedMail[] = await Promise.all(emls.map((f) => simpleParser(readFileSync(join(out, f)))));
    const sercotec = parsed.find((m) => m.attachments.length === 2)!;
    expect(sercotec.from?.value[0]).toMatchObject({ name: 'Monitoreo DIPRES', address: 'monitoreo@dipres.cl' });
    expect((sercotec.to as { value: { address: string }[] }).value.map((v) => v.address)).toEqual(['gestion@sercotec.cl', 'jefa@sercotec.cl']);
    expect((sercotec.cc as { value: { address: string }[] }).value.map((v) => v.address)).toEqual(['monitoreo@dipres.cl']);
    expect((sercotec.replyTo as { value: { address: string }[] }).value[0]!.address).toBe('consultas@dipres.cl');
    expect(sercotec.subject).toBe('Fichas de monitoreo y seguimiento 2022: 2 programas del Servicio de Cooperación Técnica');
    for (const body of [sercotec.text!, String(sercotec.html)]) {
      expect(body).toContain('Redes de Oportunidades de Negocios Ñuble');
      expect(body).toContain('Asesoría Técnica en Región de Aysén');
      expect(body).toContain('Focalización y Cobertura');
    }
    expect(sercotec.text).toContain('Eficiencia y ejecución presupuestaria: En el año 2022 se observa una sobre ejecución');
    for (const a of sercotec.attachments) {
      expect(a.contentType).toBe('application/pdf');
      expect(Buffer.compare(a.content, readFileSync(join(fichasDir, a.filename!)))).toBe(0);
    }
    expect(sercotec.attachments.map((a) => a.filename).sort()).toEqual(['redes-nacional-2022.pdf', 'redes-regional-2022.pdf']);
    const conadi = parsed.find((m) => m.attachments.length === 1)!;
    expect(conadi.subject).toBe('Ficha de monitoreo y seguimiento 2022: Programa de Educación Intercultural');
    expect(conadi.cc).toBeUndefined();
  });

  it('reports a ficha with no recipient row and an invalid address with the CSV line, and goes on', async () => {
    const { dir, opts } = setup(['programa.id,to,cc', 'redes-nacional,gestion@sercotec,', 'redes-regional,jefa@sercotec.cl,'].join('\n'));
    const c = capture();
    const code = await mailCommand([fichasDir], opts({ emlDir: join(dir, 'eml') }));
    c.restore();
    expect(code).toBe(1);
    expect(c.text()).toMatch(/destinatarios\.csv:2: error columna «to»: «gestion@sercotec» no es una dirección de correo válida/);
    expect(c.text()).toMatch(/otro-programa-2022\.pdf: .*no tiene destinatarios válidos para programa\.id «otro-programa»/);
    expect(readdirSync(join(dir, 'eml'))).toEqual(['servicio-de-cooperacion-tecnica-2022.eml']);
  });
});

describe('ficha mail --dry-run', () => {
  it('says who would get what and sends nothing', async () => {
    const { opts } = setup();
    const c = capture();
    const code = await mailCommand([fichasDir], opts({ dryRun: true }));
    c.restore();
    expect(code).toBe(0);
    expect(c.text()).toContain('a gestion@sercotec.cl, jefa@sercotec.cl (cc monitoreo@dipres.cl): redes-nacional-2022.pdf, redes-regional-2022.pdf');
    expect(c.text()).toContain('2 mensajes por enviar (nada se envió)');
  });
});

describe('ficha mail --send', () => {
  it('sends every message once, with its attachments, and never shows the credentials', async () => {
    const smtp = await smtpServer();
    const { opts } = setup();
    const c = capture();
    const code = await mailCommand([fichasDir], opts({ send: true, smtp: smtp.url }));
    c.restore();
    await smtp.close();
    expect(code, c.text()).toBe(0);
    expect(smtp.received).toHaveLength(2);
    expect(smtp.received.map((r) => r.to.sort().join(',')).sort()).toEqual(['estudios@conadi.gob.cl', 'gestion@sercotec.cl,jefa@sercotec.cl,monitoreo@dipres.cl']);
    for (const r of smtp.received) for (const a of r.mail.attachments) expect(Buffer.compare(a.content, readFileSync(join(fichasDir, a.filename!)))).toBe(0);
    expect(c.text()).toContain('2 enviados, 0 omitidos (ya enviados), 0 rechazados, 0 fallidos');
    expect(c.text()).not.toContain('secreto');
  });

  it('retries a temporary failure (451): the message arrives once', async () => {
    const smtp = await smtpServer({ tempFailFirst: true });
    const { opts } = setup(['programa.id,to,cc', 'otro-programa,estudios@conadi.gob.cl,'].join('\n'));
    const c = capture();
    const code = await mailCommand([join(fichasDir, 'otro-programa-2022.pdf')], opts({ send: true, smtp: smtp.url }));
    c.restore();
    await smtp.close();
    expect(code, c.text()).toBe(0);
    expect(smtp.attempts()).toBe(2);
    expect(smtp.received).toHaveLength(1);
    expect(c.text()).toContain('tras 2 intentos');
  });

  it('a permanent refusal (550) leaves that message refused and the others sent; a rerun sends only the rest', async () => {
    const { opts } = setup();
    const first = await smtpServer({ reject: ['estudios@conadi.gob.cl'] });
    let c = capture();
    const code = await mailCommand([fichasDir], opts({ send: true, smtp: first.url }));
    c.restore();
    await first.close();
    expect(code).toBe(1);
    expect(first.received).toHaveLength(1);
    expect(c.text()).toMatch(/rechazado, a estudios@conadi\.gob\.cl: .*550/);
    expect(c.text()).toContain('1 enviado, 0 omitidos (ya enviados), 1 rechazado, 0 fallidos');
    // The address is fixed on the server side; the rerun sends only what the journal lacks.
    const second = await smtpServer();
    c = capture();
    const again = await mailCommand([fichasDir], opts({ send: true, smtp: second.url }));
    c.restore();
    await second.close();
    expect(again, c.text()).toBe(0);
    expect(second.received.map((r) => r.to)).toEqual([['estudios@conadi.gob.cl']]);
    expect(c.text()).toContain('1 enviado, 1 omitido (ya enviados)');
    // --force sends everything again
    const third = await smtpServer();
    c = capture();
    await mailCommand([fichasDir], opts({ send: true, smtp: third.url, force: true }));
    c.restore();
    await third.close();
    expect(third.received).toHaveLength(2);
  });

  it('refuses a ficha larger than --max-attachment by itself (a PDF cannot be split)', async () => {
    const { dir, opts } = setup();
    const c = capture();
    const code = await mailCommand([fichasDir], opts({ emlDir: join(dir, 'eml'), maxAttachment: '0.05' }));
    c.restore();
    expect(code).toBe(1);
    expect(c.text()).toMatch(/redes-nacional-2022\.pdf: pesa \d+ KB, más que --max-attachment 0,05 MB; no se envía/);
  });
});
