/** Commander prints its help and usage errors in English; the users read Spanish. */
const HELP: [RegExp, string][] = [
  [/^Usage:/gm, 'Uso:'],
  [/^Options:/gm, 'Opciones:'],
  [/^Commands:/gm, 'Comandos:'],
  [/^Arguments:/gm, 'Argumentos:'],
  [/\(default: /g, '(por defecto: '],
  [/\(choices: /g, '(valores: '],
  [/\(env: /g, '(variable de entorno: '],
  [/\(preset: /g, '(valor si se omite: '],
  [/\[options\]/g, '[opciones]'],
  [/\[command\]/g, '[comando]'],
];

/** Every usage error commander 14 writes (lib/command.js), in the words of this program. */
const ERRORS: [RegExp, string][] = [
  [/unknown command '([^']*)'/, 'comando desconocido «$1» (los comandos están en ficha --help)'],
  [/unknown option '([^']*)'/, 'opción desconocida «$1»'],
  [/missing required argument '([^']*)'/, 'falta el argumento obligatorio «$1»'],
  [/option '([^']*)' argument missing/, 'a la opción «$1» le falta su valor'],
  [/required option '([^']*)' not specified/, 'falta la opción obligatoria «$1»'],
  [/option '([^']*)' argument '([^']*)' is invalid\./, 'el valor «$2» de la opción «$1» no es válido:'],
  [/option '([^']*)' value '([^']*)' from env '([^']*)' is invalid\./, 'el valor «$2» de la opción «$1» (variable de entorno $3) no es válido:'],
  [/command-argument value '([^']*)' is invalid for argument '([^']*)'\./, 'el valor «$1» del argumento «$2» no es válido:'],
  [/Allowed choices are ([^\n]*)\./, 'los valores permitidos son $1.'],
  [/(?:option|environment variable) '([^']*)'(?: \(env: [^)]*\))? cannot be used with (?:option|environment variable) '([^']*)'(?: \(env: [^)]*\))?/, 'la opción «$1» no se puede usar junto con «$2»'],
  [/too many arguments(?: for '([^']*)')?\. Expected (\d+) arguments? but got (\d+)\./, 'demasiados argumentos para «$1»: se esperaba(n) $2 y se recibieron $3'],
  [/too many arguments.*/, 'demasiados argumentos'],
  [/ para «»:/, ':'],
  [/\(Did you mean (.*)\?\)/, '(¿quiso decir $1?)'],
];

export function spanishHelp(text: string): string {
  return HELP.reduce((s, [re, to]) => s.replace(re, to), text);
}

export function spanishError(text: string): string {
  return ERRORS.reduce((s, [re, to]) => s.replace(re, to), text) + (text.includes('--help') ? '' : '\nUse --help para ver la ayuda.\n');
}
