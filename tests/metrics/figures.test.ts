import { describe, expect, it } from 'vitest';
import { present } from '../../src/present/view.js';
import { fichaOf, REFERENCE_YAML, variant } from '../helpers.js';

// Every figure printed in the published reference ficha (redes-oportunidades-negocios-2022).
describe('derived figures of the reference ficha', () => {
  const ficha = fichaOf(REFERENCE_YAML);
  const { view } = present(ficha);

  it('cobertura', () => expect(view.poblacion.cobertura).toEqual(['0,0%', '6,5%', '4,5%']));
  it('ejecución inicial and final', () => {
    expect(view.presupuesto.ejecucion_inicial).toEqual(['N/A', '39%', '175%']);
    expect(view.presupuesto.ejecucion_final).toEqual(['N/A', '100%', '100%']);
  });
  it('presupuesto ejecutado and extrapresupuestario', () => {
    expect(view.presupuesto.ejecutado).toEqual(['N/A', '297.261', '522.147']);
    expect(view.presupuesto.extrapresupuestario).toEqual(['N/A', 'N/A', 'N/A']);
  });
  it('subtítulos and their total', () => {
    expect(view.subtitulos.filas).toEqual([
      { codigo: '21', nombre: 'Gastos en personal', monto: '26.689' },
      { codigo: '22', nombre: 'Bienes y servicios de consumo', monto: '5.317' },
      { codigo: '24', nombre: 'Transferencias Corrientes', monto: '490.141' },
    ]);
    expect(view.subtitulos.total).toBe('522.147');
  });
  it('componentes: gasto, producción, gasto unitario', () => {
    const [c] = view.componentes.filas;
    expect(c!.gasto).toEqual(['N/A', '282.077', '463.251']);
    expect(c!.produccion).toEqual(['N/A', '327', '227']);
    expect(c!.unitario).toEqual(['N/A', '862,6', '2.040,8']);
  });
  it('gasto administrativo, total and its share', () => {
    expect(view.componentes.administrativo).toEqual(['N/A', '15.183', '58.896']);
    expect(view.componentes.total).toEqual(['N/A', '297.261', '522.147']);
    expect(view.componentes.porcentaje).toEqual(['N/A', '5,1%', '11,3%']);
  });
  it('gasto por beneficiario and its variations', () => {
    expect(view.gasto_por_beneficiario).toEqual(['N/A', '909,1', '2.300,2']);
    expect(Math.round(ficha.figures.gasto_por_beneficiario_variacion_anual as number)).toBe(153);
    expect(ficha.figures.gasto_por_beneficiario_variacion_promedio).toBe('N/A');
  });
  it('regional table north to south, Nivel central last, with totals', () => {
    expect(view.regiones.filas.map((r) => [r.nombre, r.gasto, r.beneficiarios])).toEqual([
      ['Arica y Parinacota', '3.969', '12'],
      ['Valparaíso', '10.656', '26'],
      ["Libertador General Bernardo O'Higgins", '6.086', '17'],
      ['Maule', '4.008', '20'],
      ['Ñuble', '10.926', '21'],
      ['Aysén del General Carlos Ibáñez del Campo', '9.264', '20'],
      ['Nivel central', '418.344', '111'],
    ]);
    expect(view.regiones.total).toEqual({ gasto: '463.251', beneficiarios: '227' });
  });
  it('indicator values and trend', () => {
    const [i] = view.indicadores_proposito;
    expect(i!.valores).toEqual(['N/A**', '73,0%', '76,0%']);
    expect(ficha.figures.indicadores[0]!.tendencia).toBe('aumentó');
    expect(ficha.figures.indicadores[0]!.variacion).toBeCloseTo(3, 10);
  });
  it('inflactores', () => expect(view.inflactores).toEqual([{ anio: '2020', valor: '1,1837' }, { anio: '2021', valor: '1,1325' }, { anio: '2022', valor: '1,063' }]));
  it('regions with beneficiaries, north to south, without Nivel central', () => {
    expect(view.regiones_con_beneficiarios).toBe("Arica y Parinacota, Valparaíso, Libertador General Bernardo O'Higgins, Maule, Ñuble, Aysén del General Carlos Ibáñez del Campo");
  });
  it('narratives see the computed figures', () => {
    expect(view.dimensiones[0]!.hallazgos).toEqual(['El programa presentó una baja cobertura (4,5%) en el año 2022.']);
    expect(view.dimensiones[1]!.hallazgos[1]).toContain('aumento del gasto por beneficiario 2022 de 153% con respecto al del año 2021.');
  });
});

describe('variation against the mean of the two previous years', () => {
  it('is computed when both years have gasto por beneficiario', () => {
    // gpb: 2020 = 100/1 = 100, 2021 = 200/1 = 200, 2022 = 180/1 = 180 -> 180 / 150 - 1 = 20%
    const text = variant((d) => {
      d.poblacion.por_anio = { 2020: { objetivo: 10, beneficiaria: 1 }, 2021: { objetivo: 10, beneficiaria: 1 }, 2022: { objetivo: 10, beneficiaria: 1 } };
      d.componentes[0].por_anio = { 2020: { gasto: 90, produccion: 1 }, 2021: { gasto: 190, produccion: 1 }, 2022: { gasto: 170, produccion: 1 } };
      d.gasto_administrativo = { 2020: 10, 2021: 10, 2022: 10 };
    });
    const f = fichaOf(text).figures;
    expect(f.gasto_por_beneficiario_variacion_promedio).toBeCloseTo(20, 9);
    expect(f.gasto_por_beneficiario_variacion_anual).toBeCloseTo(-10, 9);
  });
});

describe('montos nominales', () => {
  it('multiplies every amount of year y by that year inflactor before anything else', () => {
    const f = fichaOf(variant((d) => (d.ficha.moneda.montos = 'nominales'))).figures;
    expect(f.ejecutado[2021]).toBeCloseTo(297260.8 * 1.1325, 6);
    expect(f.ejecutado[2022]).toBeCloseTo(522147 * 1.063, 6);
    expect(f.subtitulos[0]!.monto).toBeCloseTo(26689 * 1.063, 6);
    expect(f.regiones[0]!.gasto).toBeCloseTo(3968.7 * 1.063, 6);
    // ratios of amounts of the same year do not change; counts are not amounts
    expect(f.ejecucion_inicial[2022]).toBeCloseTo(522147 / 298370 * 100, 9);
    expect(f.componentes[0]!.produccion[2022]).toBe(227);
    expect(f.gasto_por_beneficiario[2022]).toBeCloseTo((463251 + 58896) * 1.063 / 227, 6);
  });
});
