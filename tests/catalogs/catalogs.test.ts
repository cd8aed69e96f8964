import { describe, expect, it } from 'vitest';
import { findOds, findRegion, REGIONS, SUBTITULOS } from '../../src/catalogs/catalogs.js';

describe('regions of Chile', () => {
  it('has the sixteen regions north to south', () => {
    expect(REGIONS.map((r) => r.code)).toEqual(['CL-AP', 'CL-TA', 'CL-AN', 'CL-AT', 'CL-CO', 'CL-VS', 'CL-RM', 'CL-LI', 'CL-ML', 'CL-NB', 'CL-BI', 'CL-AR', 'CL-LR', 'CL-LL', 'CL-AI', 'CL-MA']);
  });
  it.each([
    ['CL-LI', "Libertador General Bernardo O'Higgins"],
    ['cl-rm', 'Metropolitana de Santiago'],
    ["O'Higgins", "Libertador General Bernardo O'Higgins"],
    ['O´Higgins', "Libertador General Bernardo O'Higgins"],
    ['OHIGGINS', "Libertador General Bernardo O'Higgins"],
    ['Metropolitana', 'Metropolitana de Santiago'],
    ['Región Metropolitana de Santiago', 'Metropolitana de Santiago'],
    ['Aysén', 'Aysén del General Carlos Ibáñez del Campo'],
    ['aysen', 'Aysén del General Carlos Ibáñez del Campo'],
    ['Magallanes', 'Magallanes y de la Antártica Chilena'],
    ['Región de Magallanes y de la Antártica Chilena', 'Magallanes y de la Antártica Chilena'],
    ['Región del Maule', 'Maule'],
    ['Región de Ñuble', 'Ñuble'],
    ['Región de la Araucanía', 'La Araucanía'],
    ['Región de Los Ríos', 'Los Ríos'],
    ['Bío-Bío', 'Biobío'],
    ['Región XIV', 'Los Ríos'],
    ['Nivel Central', 'Nivel central'],
  ])('%s is %s', (input, name) => expect(findRegion(input)?.name).toBe(name));
  it('does not guess between two regions or from nothing', () => {
    expect(findRegion('Los Ríos y Los Lagos')).toBeUndefined();
    expect(findRegion('Mendoza')).toBeUndefined();
  });
});

describe('ODS and subtítulos', () => {
  it('has the 17 ODS with Spanish titles and goal texts', () => {
    for (let n = 1; n <= 17; n++) expect(findOds(n)?.titulo).toBeTruthy();
    expect(findOds(8)).toEqual({
      numero: 8,
      titulo: 'Trabajo decente y crecimiento económico',
      texto: 'Promover el crecimiento económico sostenido, inclusivo y sostenible, el empleo pleno y productivo y el trabajo decente para todos',
    });
    expect(findOds(18)).toBeUndefined();
  });
  it('names the subtítulos as the reference does', () => {
    expect(SUBTITULOS['21']).toBe('Gastos en personal');
    expect(SUBTITULOS['22']).toBe('Bienes y servicios de consumo');
    expect(SUBTITULOS['24']).toBe('Transferencias Corrientes');
  });
});
