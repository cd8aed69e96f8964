import { existsSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { writeAtomic } from '../output/write.js';
import { PACKAGE_ROOT, SCHEMA_FILE } from '../paths.js';
import { ruleSetIds } from '../rulesets/rulesets.js';
import { inputSchema } from '../validate/schema.js';

/** The schema file this installation ships (`schema/`, kept equal to `ficha schema` by a test). */
export { SCHEMA_FILE };
const README_FILE = join(PACKAGE_ROOT, 'README.md');

/**
 * A commented skeleton input that validates as it is: every required key, S/I where the data is
 * still missing, and a comment saying what each block is for. The analyst fills it in.
 */
export function skeleton(id: string, anio: number, metodologia: string, schemaRef: string, readmeRef = README_FILE): string {
  const years = [anio - 2, anio - 1, anio];
  const perYear = (fmt: (y: number) => string) => years.map((y) => `    ${y}: ${fmt(y)}`).join('\n');
  return `# yaml-language-server: $schema=${schemaRef}
# Ficha de monitoreo y seguimiento ${anio}: complete cada bloque y revise con
#   ficha validate ${id}-${anio}.yaml      (diagnósticos con línea y columna)
#   ficha render ${id}-${anio}.yaml        (genera el PDF)
# Cada clave se explica en ${readmeRef} (sección «El formato de entrada») y en ${schemaRef}.
# Los montos van en M$, sin puntos de miles (298370, no 298.370) y con punto decimal (73.5, no
# 73,5); S/I = sin información, N/A = no aplica. Los textos admiten cifras calculadas:
# {{pct cobertura.t 1}}, {{num gasto_por_beneficiario.t 1}}, {{money gasto_total.t}}.
formato: 1

# Año monitoreado (la ficha muestra ${years[0]}-${anio}), metodología de la sección II y moneda.
ficha:
  anio: ${anio}
  metodologia: ${metodologia}        # ${ruleSetIds().join(' o ')}
  moneda:
    anio_base: ${anio}               # los montos son M$ de este año
    montos: reales                   # o nominales (cada año se multiplica por su inflactor)
    inflactores: { ${years.map((y) => `${y}: 1`).join(', ')} }

# Sección I: antecedentes del programa.
programa:
  id: ${id}                          # el PDF será ${id}-${anio}.pdf
  nombre: Nombre del programa
  servicio: Servicio que lo ejecuta
  ministerio: Ministerio del servicio
  anio_inicio: ${anio}
  anio_termino: Permanente           # o un año
  descripcion: >-
    Qué problema aborda el programa y cómo (componentes, modalidad de entrega).
  proposito: Propósito del programa.
  historial_evaluativo: { ex_ante: false, ex_post_dipres: false, otras: false }

# Sección III: población objetivo y beneficiada por año (la cobertura se calcula).
poblacion:
  descripcion: >-
    Quiénes son los beneficiarios y cómo se seleccionan.
  por_anio:
${perYear(() => '{ objetivo: S/I, beneficiaria: S/I }')}

# Presupuesto por año (la ejecución se calcula) y gasto ${anio} por subtítulo (21, 22, 24, …).
presupuesto:
  por_anio:
${perYear(() => '{ inicial: S/I, final: S/I, ejecutado: S/I, extrapresupuestario: N/A }')}
  subtitulos: {}

# Un elemento por componente: gasto (M$) y producción por año (el gasto unitario se calcula).
componentes:
  - nombre: Nombre del componente
    unidad: Unidad de producción
    por_anio:
${perYear(() => '{ gasto: S/I, produccion: S/I }').replace(/^ {4}/gm, '      ')}

# Gasto administrativo por año (su porcentaje y el gasto total se calculan).
gasto_administrativo:
${perYear(() => 'S/I').replace(/^ {4}/gm, '  ')}

# Gasto y beneficiarios ${anio} por región (nombre, forma corta o código CL-XX; Nivel central).
regiones: []

# Al menos un indicador de propósito; los complementarios van con tipo: complementario.
indicadores:
  - tipo: proposito
    nombre: Nombre del indicador de propósito
    formula: (Numerador año t / Denominador año t)*100
    unidad: porcentaje               # o numero
    lectura: ascendente              # o descendente
    valores: { ${years.map((y) => `${y}: S/I`).join(', ')} }

# Sección II: veredictos del analista; las reglas de ${metodologia} escriben las frases.
analisis:
  focalizacion:
    criterios: sin_informacion       # sin_deficiencias, con_deficiencias, no_subconjunto, universal, …
    hallazgos: []
  eficiencia:
    gasto_administrativo: sin_informacion   # sin_falencias, con_falencias, sobre_20
    hallazgos: []
  eficacia:
    hallazgos: []

# Sección IV: ODS (números 1 a 17), enfoque de género y complementariedades.
otros_atributos:
  ods: []
  enfoque_genero: false
  complementariedades: []

# Sección V.
contingencia_sanitaria:
  fet: false
  modificaciones: false

# Secciones VI y VII.
recomendaciones: []
observaciones_institucion: []
`;
}

/** `ficha init <programa-id> [--anio Y] [--metodologia M] [--out FILE]`. */
export function initCommand(id: string, opts: { anio?: string; metodologia?: string; out?: string; force?: boolean }): number {
  const idCheck = inputSchema.shape.programa.shape.id.safeParse(id);
  if (!idCheck.success) {
    console.error(`identificador no válido «${id}»: ${idCheck.error.issues[0]?.message}`);
    return 2;
  }
  const anio = opts.anio === undefined ? new Date().getFullYear() - 1 : Number(opts.anio);
  if (!Number.isInteger(anio) || anio < 1900 || anio > 2200) {
    console.error(`año no válido «${opts.anio}»: se esperaba un año entre 1900 y 2200`);
    return 2;
  }
  const metodologia = opts.metodologia ?? 'dipres-2025';
  if (!ruleSetIds().includes(metodologia)) {
    console.error(`metodología desconocida «${metodologia}»: se esperaba una de ${ruleSetIds().join(', ')}`);
    return 2;
  }
  const out = opts.out ?? `${id}-${anio}.yaml`;
  // Editors with the YAML language server find the schema of this installation from the file.
  const refTo = (file: string) => (out === '-' ? file : relative(resolve(dirname(out)), file).split(sep).join('/'));
  const text = skeleton(id, anio, metodologia, refTo(SCHEMA_FILE), refTo(README_FILE));
  if (out === '-') {
    process.stdout.write(text);
    return 0;
  }
  if (existsSync(out) && !opts.force) {
    console.error(`${out} ya existe: use --force para reemplazarlo u --out para otro nombre`);
    return 2;
  }
  writeAtomic(dirname(out), basename(out), Buffer.from(text, 'utf8'));
  console.error(`${out}: esqueleto de la ficha ${anio} de ${id}; complételo y revíselo con ficha validate ${out}`);
  return 0;
}
