import { excel } from '../output/excel.js';
import type { FichaToSend } from './fichas.js';

/**
 * The recipients workbook to fill (`ficha mail --template-recipients`): one row per program of the
 * fichas, with the columns `readRecipients` reads. The program's names are there to recognise it;
 * `to` and `cc` are left empty, and `institucion` holds the service (it names the draft files).
 */
export async function recipientsTemplate(fichas: FichaToSend[]): Promise<Buffer> {
  const programs = new Map<string, FichaToSend>();
  for (const f of [...fichas].sort((a, b) => a.ministerio.localeCompare(b.ministerio, 'es') || a.servicio.localeCompare(b.servicio, 'es') || a.programaId.localeCompare(b.programaId))) {
    if (!programs.has(f.programaId)) programs.set(f.programaId, f);
  }
  const wb = new (excel().Workbook)();
  wb.creator = 'ficha';
  wb.created = wb.modified = new Date(0);
  const ws = wb.addWorksheet('Destinatarios', { views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }] });
  ws.columns = [
    { header: 'programa.id', key: 'id', width: 28 },
    { header: 'programa', key: 'programa', width: 40 },
    { header: 'ministerio', key: 'ministerio', width: 30 },
    { header: 'institucion', key: 'institucion', width: 34 },
    { header: 'to', key: 'to', width: 40 },
    { header: 'cc', key: 'cc', width: 40 },
  ];
  for (const f of programs.values()) ws.addRow({ id: f.programaId, programa: f.programa, ministerio: f.ministerio, institucion: f.servicio, to: '', cc: '' });
  ws.getRow(1).font = { bold: true };
  ws.getCell('E1').note = 'Direcciones de destino: «Nombre <correo@dominio.cl>» o «correo@dominio.cl»; varias separadas por «;»';
  ws.getCell('F1').note = 'Copia (opcional), en la misma forma que «to»';
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: programs.size + 1, column: 6 } };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
