import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { captureConsole } from '../console.js';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { mailCommand, type MailCliOptions } from '../../src/cli/mail.js';
import { readJournal } from '../../src/mail/journal.js';
import { parseMailbox, parseRecipients } from '../../src/mail/recipients.js';
import { renderFicha } from '../../src/pipeline/pipeline.js';
import { REFERENCE_YAML } from '../helpers.js';
import { silentServer, smtpServer } from './smtp.js';

/** Two fichas of two programs, each in a folder of its own (a delivery names both folders). */
let folders: [string, string] = ['', ''];
beforeAll(async () => {
  const base = mkdtempSync(join(tmpdir(), 'ficha-delivery-'));
  folders = [join(base, 'a'), join(base, 'b')];
  for (const [i, id] of ['programa-uno', 'programa-dos'].entries()) {
    mkdirSync(folders[i]!);
    const r = await renderFicha(`${id}.yaml`, REFERENCE_YAML.replace('id: redes-oportunidades-negocios', `id: ${id}`), { charts: false });
    writeFileSync(join(folders[i]!, r.fileName!), r.pdf!);
  }
});

function setup(csv: string) {
  const dir = mkdtempSync(join(tmpdir(), 'ficha-delivery-run-'));
  const recipients = join(dir, 'destinatarios.csv');
  writeFileSync(recipients, csv);
  // A journal of its own by default: the fichas' folders are shared by the tests of this file.
  const opts = (extra: Partial<MailCliOptions>): MailCliOptions => ({ recipients, connections: '1', retries: '0', retryDelay: '10', maxAttachment: '10', from: 'Monitoreo <monitoreo@dipres.cl>', journal: join(dir, 'envios.jsonl'), ...extra });
  return { dir, opts };
}

const capture = captureConsole;
afterEach(() => vi.restoreAllMocks());

const CLEAN = 'programa-uno,uno@x.cl,';
/** Cells that smuggle or hide an address, each with what it must be reported as. */
const SMUGGLED: [cell: string, reason: RegExp][] = [
  ['a@x.cl Bcc: e@evil.cl', /más de una dirección/],
  ['"a@x.cl\nBcc: e@evil.cl"', /salto de línea/],
  ['a@x.cl e@evil.cl', /más de una dirección/],
  ['"a@x.cl <e@evil.cl>"', /más de una dirección \(o una dirección en el nombre\)/],
  ['"grupo: a@x.cl;"', /«:»/],
  ['"Jefe <a@x.cl>, b@x.cl"', /más de una dirección/],
  ['"Jefe, Unidad <a@x.cl>"', /«,»/],
];

describe('recipients: one mailbox per `;`, or an error and no mail for that program', () => {
  it.each(SMUGGLED)('%j is an error at its line and column, and the program is not mailed', async (cell, reason) => {
    const { parse } = { parse: parseRecipients };
    const { byProgram, problems } = parse(['programa.id,to,cc', CLEAN, `programa-dos,${cell},`].join('\n'));
    expect(problems).toHaveLength(1);
    expect(problems[0]!.line).toBe(3);
    expect(problems[0]!.message).toMatch(/^columna «to»: /);
    expect(problems[0]!.message).toMatch(reason);
    expect([...byProgram.keys()]).toEqual(['programa-uno']);

    // Sent for real: the server never sees an address of the bad cell.
    const smtp = await smtpServer();
    const { opts } = setup(['programa.id,to,cc', CLEAN, `programa-dos,${cell},`].join('\n'));
    const text = capture();
    const code = await mailCommand(folders, opts({ send: true, smtp: smtp.url }));
    await smtp.close();
    expect(code, text()).toBe(1);
    expect(text()).toMatch(/destinatarios\.csv:3: error columna «to»/);
    expect(smtp.received.map((r) => r.to)).toEqual([['uno@x.cl']]);
    expect(JSON.stringify(smtp.received.map((r) => r.mail.headers))).not.toMatch(/evil|b@x\.cl/);
  });

  it('the dry run shows only the clean program', async () => {
    const { opts } = setup(['programa.id,to,cc', CLEAN, 'programa-dos,a@x.cl Bcc: e@evil.cl,'].join('\n'));
    const text = capture();
    expect(await mailCommand(folders, opts({ dryRun: true }))).toBe(1);
    expect(text()).toContain('a uno@x.cl: programa-uno-2022.pdf');
    expect(text()).not.toMatch(/^a .*(a@x\.cl|evil)/m);
    expect(text()).toContain('1 mensaje por enviar');
  });

  it('keeps display names and several mailboxes separated by `;`, a `;` inside quotes included', () => {
    expect(parseMailbox('"Jefatura de Estudios" <X@Y.cl>')).toEqual({ address: 'x@y.cl', name: 'Jefatura de Estudios' });
    const { byProgram, problems } = parseRecipients(['programa.id,to,cc', 'p,"""Pérez; Juan"" <j@x.cl>; ana@x.cl","Jefa <jefa@x.cl>"'].join('\n'));
    expect(problems).toEqual([]);
    expect(byProgram.get('p')).toMatchObject({ to: ['j@x.cl', 'ana@x.cl'], cc: ['jefa@x.cl'] });
  });

  it('a repeated programa.id is an error on each of its lines, and that program gets no mail', () => {
    const { byProgram, problems } = parseRecipients(['programa.id,to,cc', 'programa-dos,dos@x.cl,', CLEAN, 'programa-dos,otro@x.cl,'].join('\n'));
    expect(problems.map((p) => p.line)).toEqual([2, 4]);
    for (const p of problems) expect(p.message).toMatch(/programa\.id «programa-dos» repetido \(filas 2, 4\)/);
    expect([...byProgram.keys()]).toEqual(['programa-uno']);
  });

  it.each([
    ['from', 'M <m@d.cl>\r\nBcc: e@x.cl', /salto de línea/],
    ['from', 'm@d.cl, e@x.cl', /más de una dirección/],
    ['replyTo', 'Respuestas <r@d.cl> Bcc: e@x.cl', /más de una dirección|«:»/],
  ] as const)('--%s %j is refused (exit 2) and nothing is sent', async (option, value, reason) => {
    const smtp = await smtpServer();
    const { opts } = setup(['programa.id,to,cc', CLEAN].join('\n'));
    const text = capture();
    const code = await mailCommand(folders, opts({ send: true, smtp: smtp.url, [option]: value }));
    await smtp.close();
    expect(code).toBe(2);
    expect(text()).toMatch(reason);
    expect(smtp.received).toEqual([]);
  });
});

describe('the journal: each message once, whatever the order of the arguments', () => {
  it('A B then B A: the second run sends nothing, and both use one journal in the common folder', async () => {
    const smtp = await smtpServer();
    const { dir, opts } = setup(['programa.id,to,cc', CLEAN, 'programa-dos,dos@x.cl,'].join('\n'));
    const [a, b] = [join(dir, 'entrega', 'a'), join(dir, 'entrega', 'b')];
    cpSync(folders[0], a, { recursive: true });
    cpSync(folders[1], b, { recursive: true });
    let text = capture();
    expect(await mailCommand([a, b], opts({ send: true, smtp: smtp.url, journal: undefined })), text()).toBe(0);
    vi.restoreAllMocks();
    text = capture();
    // Other order, and another spelling of a path.
    expect(await mailCommand([join(b, '..', 'b', 'programa-dos-2022.pdf'), a], opts({ send: true, smtp: smtp.url, journal: undefined })), text()).toBe(0);
    await smtp.close();
    expect(smtp.received).toHaveLength(2);
    expect(text()).toContain('0 enviados, 2 omitidos (ya enviados)');
    const journal = join(dir, 'entrega', 'envios.jsonl');
    expect(existsSync(journal)).toBe(true);
    expect(readJournal(journal).map((e) => e.estado)).toEqual(['enviando', 'aceptado', 'enviando', 'aceptado']);
  });

  it('Ctrl-C while the server holds a message: no new message starts, the one in flight is journalled, exit 130', async () => {
    const stop = new AbortController();
    const smtp = await smtpServer({ answerDataAfterMs: 300, onMessage: () => stop.abort() });
    const { dir, opts } = setup(['programa.id,to,cc', CLEAN, 'programa-dos,dos@x.cl,'].join('\n'));
    const journal = join(dir, 'envios.jsonl');
    let text = capture();
    expect(await mailCommand(folders, opts({ send: true, smtp: smtp.url, journal }), stop.signal), text()).toBe(130);
    expect(smtp.received).toHaveLength(1);
    expect(readJournal(journal).map((e) => e.estado)).toEqual(['enviando', 'aceptado']);
    expect(text()).toContain('1 enviado, 0 omitidos (ya enviados), 0 rechazados, 0 fallidos, 1 sin enviar (interrumpido)');
    // The rerun sends only the other one.
    vi.restoreAllMocks();
    text = capture();
    expect(await mailCommand(folders, opts({ send: true, smtp: smtp.url, journal })), text()).toBe(0);
    await smtp.close();
    expect(smtp.received).toHaveLength(2);
    expect(new Set(smtp.received.map((r) => r.to[0])).size).toBe(2);
  });

  it('a message left «enviando» by a run that died is not sent again without --resend-unconfirmed', async () => {
    const smtp = await smtpServer();
    const { dir, opts } = setup(['programa.id,to,cc', CLEAN].join('\n'));
    const journal = join(dir, 'envios.jsonl');
    let text = capture();
    expect(await mailCommand([folders[0]], opts({ send: true, smtp: smtp.url, journal })), text()).toBe(0);
    // As if the process had died after DATA, before the server's answer reached the journal.
    const lines = readFileSync(journal, 'utf8').trim().split('\n');
    writeFileSync(journal, `${lines[0]}\n`);
    vi.restoreAllMocks();
    text = capture();
    expect(await mailCommand([folders[0]], opts({ send: true, smtp: smtp.url, journal }))).toBe(1);
    expect(text()).toMatch(/sin confirmar, a uno@x\.cl: .*No se envía de nuevo sin --resend-unconfirmed/);
    expect(smtp.received).toHaveLength(1);
    vi.restoreAllMocks();
    text = capture();
    expect(await mailCommand([folders[0]], opts({ send: true, smtp: smtp.url, journal, resendUnconfirmed: true })), text()).toBe(0);
    await smtp.close();
    expect(smtp.received).toHaveLength(2);
  });

  it('a server that never answers: --timeout bounds the wait, the message is journalled as failed', async () => {
    const silent = await silentServer();
    const { dir, opts } = setup(['programa.id,to,cc', CLEAN].join('\n'));
    const journal = join(dir, 'envios.jsonl');
    const text = capture();
    const t0 = Date.now();
    const code = await mailCommand([folders[0]], opts({ send: true, smtp: silent.url, journal, timeout: '1' }));
    await silent.close();
    expect(code, text()).toBe(1);
    expect(Date.now() - t0).toBeLessThan(15_000);
    expect(text()).toMatch(/falló tras 1 intento, a uno@x\.cl/);
    expect(readJournal(journal).map((e) => e.estado)).toEqual(['enviando', 'fallido']);
  });
});

describe('--eml-dir', () => {
  it('two messages to the same institution are two files, and the count says so', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ficha-delivery-eml-'));
    // Two messages of two fichas each, whose first To is the same address.
    cpSync(folders[0], join(dir, 'fichas'), { recursive: true });
    cpSync(folders[1], join(dir, 'fichas'), { recursive: true });
    for (const id of ['programa-tres', 'programa-cuatro']) {
      const r = await renderFicha(`${id}.yaml`, REFERENCE_YAML.replace('id: redes-oportunidades-negocios', `id: ${id}`), { charts: false });
      writeFileSync(join(dir, 'fichas', r.fileName!), r.pdf!);
    }
    const { opts } = setup(
      ['programa.id,to,cc', 'programa-uno,comun@x.cl,', 'programa-dos,comun@x.cl,', 'programa-tres,comun@x.cl;zeta@x.cl,', 'programa-cuatro,comun@x.cl;zeta@x.cl,'].join('\n'),
    );
    const text = capture();
    const out = join(dir, 'eml');
    expect(await mailCommand([join(dir, 'fichas')], opts({ emlDir: out })), text()).toBe(0);
    expect(readdirSync(out)).toHaveLength(2);
    expect(text()).toContain('2 escritos');
    const [first, second] = readdirSync(out).sort();
    // Named after the institution and the year; the second of the same name gets a number.
    expect([first, second]).toEqual(['servicio-de-cooperacion-tecnica-2022-2.eml', 'servicio-de-cooperacion-tecnica-2022.eml']);
  });
});

describe('never a stale ficha', () => {
  it('mailing a folder or its manifest attaches only the fichas the manifest lists as current, with their bytes', async () => {
    const { renderBatch } = await import('../../src/batch/batch.js');
    const dir = mkdtempSync(join(tmpdir(), 'ficha-delivery-stale-'));
    const out = join(dir, 'salida');
    const input = (id: string) => REFERENCE_YAML.replace('id: redes-oportunidades-negocios', `id: ${id}`);
    const files = ['uno', 'dos', 'tres'].map((x) => join(dir, `${x}.yaml`));
    const render = () => renderBatch(files, { out, strict: false, charts: false, jobs: 1, changed: false, failFast: false, interrupted: () => false });
    writeFileSync(files[0]!, input('programa-uno'));
    writeFileSync(files[1]!, input('programa-dos'));
    writeFileSync(files[2]!, input('programa-tres'));
    await render();
    // dos turns invalid, tres changes its programa.id: their old PDFs stay in the folder.
    writeFileSync(files[1]!, input('programa-dos').replace('inicial: 298370,', 'inicial: mucho,'));
    writeFileSync(files[2]!, input('programa-tres-bis'));
    await render();
    expect(readdirSync(out).filter((f) => f.endsWith('.pdf')).sort()).toEqual(['programa-dos-2022.pdf', 'programa-tres-2022.pdf', 'programa-tres-bis-2022.pdf', 'programa-uno-2022.pdf']);
    const csv = ['programa.id,to,cc', ...['uno', 'dos', 'tres', 'tres-bis'].map((x) => `programa-${x},${x}@x.cl,`)].join('\n');
    for (const target of [out, join(out, 'manifest.json')]) {
      const { opts } = setup(csv);
      vi.restoreAllMocks();
      const text = capture();
      expect(await mailCommand([target], opts({ dryRun: true })), text()).toBe(1);
      const said = text();
      expect(said).toMatch(/a tres-bis@x\.cl: programa-tres-bis-2022\.pdf/);
      expect(said).toMatch(/a uno@x\.cl: programa-uno-2022\.pdf/);
      expect(said).not.toMatch(/^a (dos|tres)@/m);
      expect(said).toMatch(/programa-dos-2022\.pdf: manifest\.json dice «con errores» para su entrada .*dos\.yaml.*no se envía \(--include-stale/);
      expect(said).toMatch(/programa-tres-2022\.pdf: no figura en manifest\.json/);
      expect(said).toContain('2 mensajes por enviar');
    }
    // A PDF changed after the batch is not the one the manifest recorded.
    const uno = join(out, 'programa-uno-2022.pdf');
    writeFileSync(uno, Buffer.concat([readFileSync(uno), Buffer.from('\n')]));
    const { opts } = setup(csv);
    vi.restoreAllMocks();
    let text = capture();
    await mailCommand([out], opts({ dryRun: true }));
    expect(text()).toMatch(/programa-uno-2022\.pdf: sus bytes no son los que manifest\.json registró/);
    // --include-stale sends them anyway, saying so.
    vi.restoreAllMocks();
    text = capture();
    await mailCommand([out], opts({ dryRun: true, includeStale: true }));
    expect(text()).toMatch(/a tres@x\.cl: programa-tres-2022\.pdf/);
    expect(text()).toMatch(/se envía igual \(--include-stale\)/);
  });
});

describe('ficha mail --send, the command itself', () => {
  it('Ctrl-C (SIGINT) while the server holds a message: the answer is awaited and journalled, exit 130', async () => {
    const { spawn } = await import('node:child_process');
    const { BIN } = await import('../cli/bin.js');
    let child: ReturnType<typeof spawn> | undefined;
    const smtp = await smtpServer({ answerDataAfterMs: 500, onMessage: () => child?.kill('SIGINT') });
    const { dir, opts } = setup(['programa.id,to,cc', CLEAN, 'programa-dos,dos@x.cl,'].join('\n'));
    const o = opts({});
    const journal = join(dir, 'envios.jsonl');
    const args = [BIN, 'mail', ...folders, '--recipients', o.recipients!, '--send', '--smtp', smtp.url, '--from', o.from!, '--journal', journal, '--connections', '1'];
    child = spawn(process.execPath, args, { env: { ...process.env, NO_COLOR: '1' } });
    let err = '';
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    const code = await new Promise<number | null>((res) => child!.on('close', res));
    await smtp.close();
    expect(code, err).toBe(130);
    expect(err).toMatch(/interrumpido: no se inicia ningún mensaje más/);
    expect(smtp.received).toHaveLength(1);
    expect(readJournal(journal).map((e) => e.estado)).toEqual(['enviando', 'aceptado']);
  });
});
