import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deadlineOf, readMailSettings } from '../../src/mail/settings.js';

const file = (text: string) => {
  const f = join(mkdtempSync(join(tmpdir(), 'ficha-correo-')), 'correo.yaml');
  writeFileSync(f, text);
  return f;
};

describe('the messages’ settings file', () => {
  it('reads who signs, the contact and the deadline, typed as Chileans type dates', () => {
    const f = file('institucion: Dirección de Presupuestos\nunidad: División de Control de Gestión\ncontacto: Ana Pérez <ana@dipres.cl>\nplazo: 15/01/2027\n');
    expect(readMailSettings(f)).toEqual({
      settings: { institucion: 'Dirección de Presupuestos', unidad: 'División de Control de Gestión', contacto: 'Ana Pérez <ana@dipres.cl>', plazo: '2027-01-15' },
      problems: [],
    });
    expect(['2027-01-15', '15-01-2027', '15/1/2027'].map(deadlineOf)).toEqual(['2027-01-15', '2027-01-15', '2027-01-15']);
    expect(['2027-02-30', '31/04/2027', 'pronto'].map(deadlineOf)).toEqual([undefined, undefined, undefined]);
  });

  it('names the line, the column and the key of each problem, in Spanish', () => {
    const f = file('institucion: DIPRES\nplazo: 30/02/2027\nfirma: yo\n');
    expect(readMailSettings(f).problems).toEqual([
      `${f}:2:1: plazo: se esperaba una fecha que exista (AAAA-MM-DD o DD/MM/AAAA); se encontró «30/02/2027»`,
      `${f}:3:1: clave desconocida «firma»; se esperaba una de institucion, unidad, contacto, plazo`,
    ]);
  });
});
