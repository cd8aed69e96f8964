import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import { captureConsole } from '../console.js';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { mailCommand, type MailCliOptions } from '../../src/cli/mail.js';
import { compose, type Message } from '../../src/mail/compose.js';
import type { FichaToSend } from '../../src/mail/fichas.js';
import { readRecipients } from '../../src/mail/recipients.js';
import { deInstitution } from '../../src/mail/spanish.js';
import { renderFicha } from '../../src/pipeline/pipeline.js';
import { REFERENCE_YAML } from '../helpers.js';

/** Three programs of one service (one message when they share recipients), and one of another. */
const PROGRAMS = [
  { id: 'redes-nacional', nombre: 'Redes de Oportunidades de Negocios Ñuble', servicio: 'Servicio Nacional del Adulto Mayor' },
  { id: 'redes-regional', nombre: 'Asesoría Técnica en Región de Aysén', servicio: 'Servicio Nacional del Adulto Mayor' },
  { id: 'redes-comunal', nombre: 'Centros Diurnos Comunitarios', servicio: 'Servicio Nacional del Adulto Mayor' },
  { id: 'otro-programa', nombre: 'Programa de Educación Intercultural', servicio: 'Corporación Nacional de Desarrollo Indígena' },
];
/** A finding longer than the 220 characters mail once cut findings at, ending in a word to find whole. */
const LONG_FINDING = `${'La justificación del gasto por beneficiario no se sostiene en los antecedentes entregados por el servicio, '.repeat(3)}según lo informado en la ficha anterior sobre la ejecución final.`;
let fichasDir = '';
beforeAll(async () => {
  fichasDir = mkdtempSync(join(tmpdir(), 'ficha-mail-excel-'));
  for (const p of PROGRAMS) {
    const text = REFERENCE_YAML.replace('id: redes-oportunidades-negocios', `id: ${p.id}`)
      .replace('nombre: Redes de Oportunidades de Negocios', `nombre: ${p.nombre}`)
      .replace('servicio: Servicio de Cooperación Técnica', `servicio: ${p.servicio}`)
      .replace('El programa presentó una baja cobertura ({{pct cobertura.t 1}}) en el año {{anio}}.', LONG_FINDING);
    const r = await renderFicha(`${p.id}.yaml`, text, { charts: false });
    expect(r.pdf, JSON.stringify(r.diagnostics)).toBeDefined();
    writeFileSync(join(fichasDir, r.fileName!), r.pdf!);
  }
});

const capture = captureConsole;
afterEach(() => vi.restoreAllMocks());

const options = (dir: string, recipients: string, extra: Partial<MailCliOptions> = {}): MailCliOptions => ({
  recipients,
  connections: '1',
  retries: '0',
  retryDelay: '10',
  maxAttachment: '10',
  from: 'Monitoreo DIPRES <monitoreo@dipres.cl>',
  journal: join(dir, 'envios.jsonl'),
  ...extra,
});

async function emls(dir: string): Promise<Map<string, ParsedMail>> {
  const out = new Map<string, ParsedMail>();
  for (const f of readdirSync(dir).sort()) out.set(f, await simpleParser(readFileSync(join(dir, f))));
  return out;
}
const people = (a: AddressObject | AddressObject[] | undefined) => (Array.isArray(a) ? a : a ? [a] : []).flatMap((x) => x.value.map((v) => `${v.name} <${v.address}>`));

/** A recipients list as Excel saves it in Spanish: `;` between cells (a cell with `;` or `"` quoted), Windows-1252. */
const EXCEL_CSV = [
  'programa.id;to;cc;institucion',
  'redes-nacional;"""Jefatura de Estudios"" <estudios@senama.cl>; Gestión <gestion@senama.cl>";Unidad de Monitoreo <monitoreo@dipres.cl>;Servicio Nacional del Adulto Mayor',
  'redes-regional;"""Jefatura de Estudios"" <estudios@senama.cl>; Gestión <gestion@senama.cl>";Unidad de Monitoreo <monitoreo@dipres.cl>;Servicio Nacional del Adulto Mayor',
  'redes-comunal;"""Jefatura de Estudios"" <estudios@senama.cl>; Gestión <gestion@senama.cl>";Unidad de Monitoreo <monitoreo@dipres.cl>;Servicio Nacional del Adulto Mayor',
  'otro-programa;Oficina de Partes <partes@conadi.gob.cl>;;Corporación Nacional de Desarrollo Indígena',
].join('\r\n');

describe('recipients from Excel', () => {
  it('a `;` CSV in Windows-1252: read as such (and said), names kept in To and Cc, drafts for Outlook', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ficha-mail-1252-'));
    const list = join(dir, 'destinatarios.csv');
    // Excel's «CSV (delimitado por punto y coma)» in Spanish: Windows-1252, where é and ñ are one byte each.
    writeFileSync(list, Buffer.from(EXCEL_CSV, 'latin1'));
    expect(readFileSync(list).includes(Buffer.from('Gestión', 'utf8'))).toBe(false);
    const text = capture();
    const out = join(dir, 'borradores');
    const code = await mailCommand([fichasDir], options(dir, list, { emlDir: out, settings: undefined, institution: 'Dirección de Presupuestos', contact: 'Ana Pérez <ana.perez@dipres.cl>', deadline: '15/01/2027' }));
    expect(code, text()).toBe(0);
    expect(text()).toContain('destinatarios.csv: leído como Windows-1252, separador «;»');
    const mails = await emls(out);
    // One draft per message, named after the recipients' institution and the year.
    expect([...mails.keys()]).toEqual(['corporacion-nacional-de-desarrollo-indigena-2022.eml', 'servicio-nacional-del-adulto-mayor-2022.eml']);
    const senama = mails.get('servicio-nacional-del-adulto-mayor-2022.eml')!;
    expect(people(senama.to)).toEqual(['Jefatura de Estudios <estudios@senama.cl>', 'Gestión <gestion@senama.cl>']);
    expect(people(senama.cc)).toEqual(['Unidad de Monitoreo <monitoreo@dipres.cl>']);
    // A draft: Outlook and Thunderbird open it editable, ready to send.
    expect(senama.headers.get('x-unsent')).toBe('1');
    expect(senama.subject).toBe('Fichas de monitoreo y seguimiento 2022: 3 programas del Servicio Nacional del Adulto Mayor');
    const conadi = mails.get('corporacion-nacional-de-desarrollo-indigena-2022.eml')!;
    expect(conadi.subject).toBe('Ficha de monitoreo y seguimiento 2022: Programa de Educación Intercultural');
    expect(people(conadi.to)).toEqual(['Oficina de Partes <partes@conadi.gob.cl>']);
    for (const body of [senama.text!, String(senama.html)]) {
      // Findings whole, never cut mid-word.
      expect(body.replace(/\s+/g, ' ')).toContain(LONG_FINDING);
      expect(body).not.toContain('…');
      expect(body).toContain('las 3 fichas de monitoreo y seguimiento de la oferta pública 2022 del Servicio Nacional del Adulto Mayor');
      expect(body).toContain('15 de enero de 2027');
      expect(body).toContain('Dirección de Presupuestos');
    }
    expect(senama.text).toContain('Agradeceremos enviar sus observaciones a más tardar el 15 de enero de 2027, a Ana Pérez <ana.perez@dipres.cl>.');
    for (const a of senama.attachments) expect(Buffer.compare(a.content, readFileSync(join(fichasDir, a.filename!))), a.filename).toBe(0);
    expect(senama.attachments.map((a) => a.filename).sort()).toEqual(['redes-comunal-2022.pdf', 'redes-nacional-2022.pdf', 'redes-regional-2022.pdf']);
  });

  it('an .xlsx: the first sheet, addresses Excel turned into links, problems at their cell, a missing column with a guess', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ficha-mail-xlsx-'));
    const book = join(dir, 'destinatarios.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Envíos 2022');
    ws.addRow(['programa.id', 'to', 'cc']);
    ws.addRow(['redes-nacional', { text: 'estudios@senama.cl', hyperlink: 'mailto:estudios@senama.cl' }, '']);
    ws.addRow(['redes-regional', 'Jefatura <estudios@senama.cl>', 'monitoreo@dipres']);
    ws.addRow(['otro-programa', '"Oficina de Partes" <partes@conadi.gob.cl>', '']);
    writeFileSync(book, Buffer.from(await wb.xlsx.writeBuffer()));
    const read = await readRecipients(book);
    expect(read.readAs).toBe('Excel, hoja «Envíos 2022»');
    expect(read.problems.map((p) => `${p.where}: ${p.message}`)).toEqual([`destinatarios.xlsx:'Envíos 2022'!C3: columna «cc»: «monitoreo@dipres» no es una dirección de correo válida`]);
    expect([...read.byProgram.keys()].sort()).toEqual(['otro-programa', 'redes-nacional']);
    expect(read.byProgram.get('redes-nacional')!.to).toEqual(['estudios@senama.cl']);
    expect(read.byProgram.get('otro-programa')!.names).toEqual({ 'partes@conadi.gob.cl': 'Oficina de Partes' });

    const text = capture();
    const out = join(dir, 'borradores');
    expect(await mailCommand([fichasDir], options(dir, book, { emlDir: out }))).toBe(1);
    expect(text()).toMatch(/destinatarios\.xlsx:'Envíos 2022'!C3: error columna «cc»/);
    const conadi = (await emls(out)).get('corporacion-nacional-de-desarrollo-indigena-2022.eml')!;
    expect(people(conadi.to)).toEqual(['Oficina de Partes <partes@conadi.gob.cl>']);

    const typo = new ExcelJS.Workbook();
    typo.addWorksheet('Hoja1').addRow(['programa_id', 'to']);
    writeFileSync(book, Buffer.from(await typo.xlsx.writeBuffer()));
    expect((await readRecipients(book)).problems.map((p) => `${p.where}: ${p.message}`)).toEqual([
      'destinatarios.xlsx:Hoja1!A1: falta la columna «programa.id»; ¿quiso decir «programa_id»? (la columna se llama «programa.id») (se esperaban las columnas programa.id, to y cc)',
    ]);
  });

  it('--template-recipients writes the workbook to fill: one row per program, the columns the list is read with', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ficha-mail-plantilla-'));
    const book = join(dir, 'por-llenar.xlsx');
    const text = capture();
    expect(await mailCommand([fichasDir], { ...options(dir, ''), recipients: undefined, templateRecipients: book }), text()).toBe(0);
    expect(text()).toContain('4 programas por llenar');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(book) as never);
    const ws = wb.worksheets[0]!;
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(['programa.id', 'programa', 'ministerio', 'institucion', 'to', 'cc']);
    expect(ws.rowCount).toBe(5);
    const ids = Array.from({ length: 4 }, (_, i) => ws.getRow(i + 2).getCell(1).value).sort();
    expect(ids).toEqual(['otro-programa', 'redes-comunal', 'redes-nacional', 'redes-regional']);
    // Filled in and read back, it addresses every program.
    for (let r = 2; r <= 5; r++) ws.getRow(r).getCell(5).value = `Unidad <u${r}@x.cl>`;
    writeFileSync(book, Buffer.from(await wb.xlsx.writeBuffer()));
    const read = await readRecipients(book);
    expect(read.problems).toEqual([]);
    expect(read.byProgram.size).toBe(4);
  });
});

describe('the message', () => {
  const ficha = (programaId: string, anio: number, servicio: string, size = 10): FichaToSend => ({
    path: `${programaId}-${anio}.pdf`,
    fileName: `${programaId}-${anio}.pdf`,
    bytes: new Uint8Array(size),
    sha256: `${programaId}${anio}`,
    programaId,
    anio,
    programa: `Programa ${programaId}`,
    servicio,
    ministerio: 'Ministerio de Desarrollo Social y Familia',
    hallazgos: [],
  });
  const subjectOf = async (fichas: FichaToSend[], part?: Message['part']) => (await compose({ to: ['a@x.cl'], cc: [], fichas, ...(part ? { part } : {}) }, { from: 'm@dipres.cl', date: new Date(0) })).subject;

  it('says one ficha, one program in several years, or several programs, with «del» or «de la»', async () => {
    const senama = 'Servicio Nacional del Adulto Mayor';
    expect(await subjectOf([ficha('a', 2025, senama)])).toBe('Ficha de monitoreo y seguimiento 2025: Programa a');
    expect(await subjectOf([ficha('a', 2023, senama), ficha('a', 2024, senama), ficha('a', 2025, senama)])).toBe('Fichas de monitoreo y seguimiento 2023, 2024 y 2025: Programa a');
    expect(await subjectOf([ficha('a', 2025, senama), ficha('b', 2025, senama), ficha('c', 2025, senama)])).toBe('Fichas de monitoreo y seguimiento 2025: 3 programas del Servicio Nacional del Adulto Mayor');
    expect(await subjectOf([ficha('a', 2024, 'Subsecretaría de Educación'), ficha('b', 2025, 'Subsecretaría de Educación')])).toBe('Fichas de monitoreo y seguimiento 2024 y 2025: 2 programas de la Subsecretaría de Educación');
    expect(await subjectOf([ficha('a', 2025, senama), ficha('b', 2025, 'Otro Servicio')])).toBe('Fichas de monitoreo y seguimiento 2025: 2 programas');
    expect(await subjectOf([ficha('a', 2025, senama), ficha('b', 2025, senama)], { index: 1, count: 2 })).toBe('Fichas de monitoreo y seguimiento 2025: 2 programas del Servicio Nacional del Adulto Mayor (parte 1 de 2)');
    expect(deInstitution('Corporación Nacional de Desarrollo Indígena')).toBe('de la Corporación Nacional de Desarrollo Indígena');
    expect(deInstitution('Fondo Nacional de Salud')).toBe('del Fondo Nacional de Salud');
    expect(deInstitution('JUNAEB')).toBe('de JUNAEB');
  });

  it('over --max-attachment, the fichas go in several drafts, each under the limit, none lost', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ficha-mail-partes-'));
    const list = join(dir, 'destinatarios.csv');
    writeFileSync(list, Buffer.from(EXCEL_CSV, 'latin1'));
    const sizes = readdirSync(fichasDir).filter((f) => f.startsWith('redes-')).map((f) => readFileSync(join(fichasDir, f)).length);
    // Room for two of the three service's fichas, not three.
    const limit = (Math.max(...sizes) * 2.2) / 1024 / 1024;
    const text = capture();
    const out = join(dir, 'borradores');
    expect(await mailCommand([fichasDir], options(dir, list, { emlDir: out, maxAttachment: String(limit) })), text()).toBe(0);
    expect(text()).toMatch(/van en 2 mensajes de hasta \d+,\d+ MB/);
    const mails = await emls(out);
    const parts = [...mails].filter(([f]) => f.startsWith('servicio-nacional-del-adulto-mayor-2022-parte-'));
    expect(parts.map(([f]) => f)).toEqual(['servicio-nacional-del-adulto-mayor-2022-parte-1-de-2.eml', 'servicio-nacional-del-adulto-mayor-2022-parte-2-de-2.eml']);
    const attached: string[] = [];
    for (const [, m] of parts) {
      expect(m.subject).toMatch(/\(parte [12] de 2\)$/);
      expect(m.attachments.reduce((n, a) => n + a.content.length, 0)).toBeLessThanOrEqual(limit * 1024 * 1024);
      for (const a of m.attachments) expect(Buffer.compare(a.content, readFileSync(join(fichasDir, a.filename!)))).toBe(0);
      attached.push(...m.attachments.map((a) => a.filename!));
    }
    expect(attached.sort()).toEqual(['redes-comunal-2022.pdf', 'redes-nacional-2022.pdf', 'redes-regional-2022.pdf']);
  });
});
