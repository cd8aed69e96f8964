import { z } from 'zod';

// zod's own words, where a key has none of ours, are Spanish too.
z.config(z.locales.es());
import { LIMITS } from '../load/limits.js';

/**
 * The input format (formato 1) as a zod schema. Each leaf carries, as its error, the phrase of what
 * was expected; the validator adds what was found and where. Cross-field rules (years within
 * [anio-2, anio], regions, ODS numbers) live in `crossChecks.ts`, which knows positions.
 */
const expect = (what: string) => ({ error: `se esperaba ${what}` });

export const MARKERS = ['N/A', 'S/I'] as const;
export type Marker = (typeof MARKERS)[number];

/** `N/A` and `S/I`, also as typed in lower case or with spaces around. */
const marker = z.preprocess((v) => (typeof v === 'string' && /^\s*(n\/a|s\/i)\s*$/i.test(v) ? v.trim().toUpperCase() : v), z.enum(MARKERS));
const text = z.union([z.string(), z.number()], expect('un texto')).transform(String);
const nonEmptyText = z
  .union([z.string().trim().min(1, expect('un texto no vacío')), z.number()], expect('un texto no vacío'))
  .transform(String);
/** 2023-02-30 is not a date: the day must exist in its month (and the year be 0001..9999). */
function isCalendarDate(s: string): boolean {
  const [y, m, d] = s.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return y >= 1 && date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** Names, units, labels: one line of a header or a table cell. */
const name = z
  .union(
    [z.string().trim().min(1, expect('un texto no vacío')).max(LIMITS.nameLength, expect(`un texto de hasta ${LIMITS.nameLength} caracteres`)), z.number()],
    expect(`un texto no vacío de hasta ${LIMITS.nameLength} caracteres`),
  )
  .transform(String);
/** Device names that Windows reserves, whatever the extension: no output file may be called so. */
const RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/;
/** The output file is `<id>-<anio>.pdf`: the id can never name another folder or a hidden file. */
const programId = z
  .string(expect('un identificador [a-z0-9-]+'))
  .regex(/^[a-z0-9][a-z0-9-]*$/, expect('un identificador de minúsculas, dígitos y guiones que empieza con letra o dígito (p. ej. redes-oportunidades)'))
  .max(LIMITS.idLength, expect(`un identificador de hasta ${LIMITS.idLength} caracteres`))
  .refine((id) => !RESERVED.test(id), expect('un identificador que no sea un nombre reservado del sistema (con, prn, aux, nul, com1…, lpt1…)'));
const year = z.number(expect('un año (número entero)')).int(expect('un año (número entero)')).min(1900, expect('un año >= 1900')).max(2200, expect('un año <= 2200'));

/**
 * What kind of figure a key holds, for the checks that read how it was typed (`typing.ts`):
 * amounts may carry decimals, counts of people and units may not, dates are AAAA-MM-DD.
 */
export type FieldKind = 'monto' | 'conteo' | 'numero' | 'fecha';
export const FIELD_KINDS = new WeakMap<object, FieldKind>();
const kind = <T extends object>(schema: T, k: FieldKind): T => (FIELD_KINDS.set(schema, k), schema);

/** Past 10^15 M$ a figure is a typing or export error, not an amount: refused. */
const MAX_AMOUNT = 1e15;
const AMOUNT = expect('un monto (número >= 0 y menor que 10^15), N/A o S/I');
const COUNT = expect('un número entero >= 0 (menor que 10^15), N/A o S/I');
const NUMBER = expect('un número (de magnitud menor que 10^15), N/A o S/I');
export const amount = kind(z.union([z.number(AMOUNT).min(0, AMOUNT).max(MAX_AMOUNT, AMOUNT), marker], AMOUNT), 'monto');
export const count = kind(z.union([z.number(COUNT).int(COUNT).min(0, COUNT).max(MAX_AMOUNT, COUNT), marker], COUNT), 'conteo');
const indicatorValue = kind(z.union([z.number(NUMBER).min(-MAX_AMOUNT, NUMBER).max(MAX_AMOUNT, NUMBER), marker], NUMBER), 'numero');
const odsNumber = kind(z.number(expect('un número de ODS entre 1 y 17')).int(expect('un número de ODS entre 1 y 17 (sin decimales)')).min(1, expect('un número de ODS entre 1 y 17')).max(17, expect('un número de ODS entre 1 y 17')), 'numero');

/** A mapping year -> value; keys are checked against the monitoring year in crossChecks. */
const yearMap = <T extends z.ZodType>(value: T) => z.record(z.string(), value, expect('un mapa año -> valor'));

const boolOrText = z.union([z.boolean(), nonEmptyText], expect('true, false o un texto'));
/**
 * A verdict: one of the values, or the analyst's own text instead of the standard sentence
 * (`hallazgo: true` makes it a finding), or `{valor, texto}`: the standard sentence of `valor`
 * followed by the analyst's text, as the 2025 reports write a verdict with a comment.
 */
const judged = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.union(
    [
      z.enum(values),
      z.strictObject({
        texto: nonEmptyText,
        valor: z.enum(values, expect(values.join(', '))).optional(),
        hallazgo: z.boolean(expect('true o false')).optional(),
        /** The indicator a verdict on "the" propósito indicator is about (its label's number). */
        indicador: z.number(expect('el número de un indicador (1, 2, …)')).int(expect('el número de un indicador (1, 2, …)')).min(1, expect('el número de un indicador (1, 2, …)')).optional(),
      }),
    ],
    expect(`${values.join(', ')} o {texto: ...}`),
  );
const justification = z.union(
  [z.enum(['pertinente', 'no_pertinente', 'sin_justificacion']), z.strictObject({ pertinente: z.boolean(expect('true o false')), texto: text.default('') })],
  expect('pertinente, no_pertinente, sin_justificacion o {pertinente: true/false, texto: ...}'),
);

const ruleIds = z.array(z.string(expect('un identificador de regla')), expect('una lista de identificadores de regla')).default([]);
const narratives = z.array(nonEmptyText, expect('una lista de textos')).nullish().transform((v) => v ?? []);

const dimension = <S extends z.ZodRawShape>(shape: S) =>
  z.strictObject({ ...shape, hallazgos: narratives, omitir: ruleIds }, expect('un mapa'));

export const inputSchema = z.strictObject(
  {
    formato: z.literal(1, expect('formato: 1')),
    ficha: z.strictObject(
      {
        anio: year,
        metodologia: z.string(expect('un identificador de metodología (p. ej. dipres-2022)')).default('dipres-2022'),
        /** Warning codes not shown for this program, whose figures were checked and are right. An extension of formato 1. */
        omitir_avisos: z.array(z.string(expect('el código de una advertencia (p. ej. ejecucion-inusual)')), expect('una lista de códigos de advertencia')).default([]),
        /** Date of the ficha (YYYY-MM-DD), used as the PDF's creation date; an extension of formato 1. */
        fecha: kind(
          z
            .union([z.date(), z.string().regex(/^\d{4}-\d{2}-\d{2}$/, expect('una fecha AAAA-MM-DD'))], expect('una fecha AAAA-MM-DD'))
            .transform((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v))
            .refine(isCalendarDate, expect('una fecha AAAA-MM-DD que exista (mes 01..12, día del mes)')),
          'fecha',
        ).optional(),
        moneda: z.strictObject(
          {
            anio_base: year,
            montos: z.enum(['reales', 'nominales'], expect('reales o nominales')).default('reales'),
            inflactores: yearMap(kind(z.number(expect('un número > 0')).positive(expect('un número > 0')).max(100, expect('un inflactor > 0 y <= 100')), 'numero')).default({}),
          },
          expect('un mapa con anio_base, montos e inflactores'),
        ),
      },
      expect('un mapa con anio, metodologia y moneda'),
    ),
    programa: z.strictObject(
      {
        id: programId,
        nombre: name,
        servicio: name,
        ministerio: name,
        anio_inicio: year,
        anio_termino: z.union([year, z.literal('Permanente')], expect('un año o Permanente')),
        descripcion: nonEmptyText,
        proposito: nonEmptyText,
        historial_evaluativo: z
          .strictObject(
            { ex_ante: boolOrText.default(false), ex_post_dipres: boolOrText.default(false), otras: boolOrText.default(false) },
            expect('un mapa con ex_ante, ex_post_dipres y otras'),
          )
          .default({ ex_ante: false, ex_post_dipres: false, otras: false }),
      },
      expect('un mapa'),
    ),
    poblacion: z.strictObject(
      {
        descripcion: text.default(''),
        por_anio: yearMap(z.strictObject({ objetivo: count, beneficiaria: count }, expect('un mapa {objetivo, beneficiaria}'))),
      },
      expect('un mapa con descripcion y por_anio'),
    ),
    presupuesto: z.strictObject(
      {
        por_anio: yearMap(
          z.strictObject(
            { inicial: amount, final: amount, ejecutado: amount, extrapresupuestario: amount.default('N/A') },
            expect('un mapa {inicial, final, ejecutado, extrapresupuestario}'),
          ),
        ),
        subtitulos: z.record(z.string(), amount, expect('un mapa subtítulo -> monto')).nullish().transform((v) => v ?? {}),
      },
      expect('un mapa con por_anio y subtitulos'),
    ),
    componentes: z
      .array(
        z.strictObject(
          {
            nombre: name,
            unidad: name,
            por_anio: yearMap(z.strictObject({ gasto: amount, produccion: count }, expect('un mapa {gasto, produccion}'))),
          },
          expect('un componente {nombre, unidad, por_anio}'),
        ),
        expect('una lista de componentes'),
      )
      .nullish()
      .transform((v) => v ?? []),
    gasto_administrativo: yearMap(amount).nullish().transform((v) => v ?? {}),
    regiones: z
      .array(
        z.strictObject(
          { region: name, gasto: amount, beneficiarios: count },
          expect('una región {region, gasto, beneficiarios}'),
        ),
        expect('una lista de regiones'),
      )
      .nullish()
      .transform((v) => v ?? []),
    indicadores: z.array(
      z.strictObject(
        {
          tipo: z.enum(['proposito', 'complementario'], expect('proposito o complementario')),
          nombre: nonEmptyText,
          formula: text.default(''),
          unidad: z.enum(['porcentaje', 'numero'], expect('porcentaje o numero')),
          lectura: z.enum(['ascendente', 'descendente'], expect('ascendente o descendente')).default('ascendente'),
          valores: yearMap(indicatorValue),
        },
        expect('un indicador {tipo, nombre, formula, unidad, lectura, valores}'),
      ),
      expect('una lista de indicadores'),
    ),
    analisis: z
      .strictObject(
        {
          focalizacion: dimension({
            criterios: judged(['sin_deficiencias', 'con_deficiencias', 'no_subconjunto', 'universal', 'universal_no_pertinente', 'sin_informacion'] as const).default('sin_informacion'),
            priorizacion: judged(['sin_deficiencias', 'con_deficiencias', 'no_subconjunto', 'universal', 'sin_informacion'] as const).optional(),
          }).default({ criterios: 'sin_informacion', hallazgos: [], omitir: [] }),
          eficiencia: dimension({
            gasto_administrativo: judged(['sin_falencias', 'con_falencias', 'sobre_20', 'sin_informacion'] as const).default('sin_informacion'),
            justificacion_gasto_por_beneficiario: justification.optional(),
          }).default({ gasto_administrativo: 'sin_informacion', hallazgos: [], omitir: [] }),
          eficacia: dimension({
            pertinencia_indicador: judged(['pertinente', 'no_pertinente'] as const).optional(),
            calidad_indicador: judged(['sin_deficiencias', 'con_deficiencias', 'no_reportado'] as const).optional(),
          }).default({ hallazgos: [], omitir: [] }),
        },
        expect('un mapa con focalizacion, eficiencia y eficacia'),
      )
      .default({
        focalizacion: { criterios: 'sin_informacion', hallazgos: [], omitir: [] },
        eficiencia: { gasto_administrativo: 'sin_informacion', hallazgos: [], omitir: [] },
        eficacia: { hallazgos: [], omitir: [] },
      }),
    otros_atributos: z
      .strictObject(
        {
          ods: z
            .union([z.array(odsNumber, expect('una lista de números de ODS entre 1 y 17')), odsNumber.transform((n) => [n])], expect('una lista de números de ODS entre 1 y 17'))
            .nullish()
            .transform((v) => v ?? []),
          enfoque_genero: boolOrText.default(false),
          complementariedades: narratives,
        },
        expect('un mapa con ods, enfoque_genero y complementariedades'),
      )
      .default({ ods: [], enfoque_genero: false, complementariedades: [] }),
    contingencia_sanitaria: z
      .strictObject(
        {
          fet: z
            .union([z.boolean(), z.strictObject({ monto: amount, texto: text.default('') })], expect('true, false o {monto, texto}'))
            .default(false),
          modificaciones: boolOrText.default(false),
        },
        expect('un mapa con fet y modificaciones'),
      )
      .default({ fet: false, modificaciones: false }),
    recomendaciones: z
      .array(z.strictObject({ tema: name, texto: nonEmptyText }, expect('una recomendación {tema, texto}')), expect('una lista de recomendaciones'))
      .nullish()
      .transform((v) => v ?? []),
    observaciones_institucion: z
      .array(z.strictObject({ titulo: name, texto: nonEmptyText }, expect('una observación {titulo, texto}')), expect('una lista de observaciones'))
      .nullish()
      .transform((v) => v ?? []),
  },
  expect('un mapa con las claves del formato 1'),
);

export type ProgramInput = z.output<typeof inputSchema>;
