/** Commander prints its help and usage errors in English; the users read Spanish. */
const HELP: [RegExp, string][] = [
  [/^Usage:/gm, 'Uso:'],
  [/^Options:/gm, 'Opciones:'],
  [/^Commands:/gm, 'Comandos:'],
  [/^Arguments:/gm, 'Argumentos:'],
  [/\(default: /g, '(por defecto: '],
  [/\[options\]/g, '[opciones]'],
  [/\[command\]/g, '[comando]'],
];

const ERRORS: [RegExp, string][] = [
  [/unknown command '([^']*)'/, "comando desconocido «$1» (comandos: render, validate, extract)"],
  [/unknown option '([^']*)'/, 'opción desconocida «$1»'],
  [/missing required argument '([^']*)'/, 'falta el argumento obligatorio «$1»'],
  [/option '([^']*)' argument missing/, 'a la opción «$1» le falta su valor'],
  [/too many arguments(?: for '([^']*)')?.*/, 'demasiados argumentos'],
  [/\(Did you mean (.*)\?\)/, '(¿quiso decir $1?)'],
];

export function spanishHelp(text: string): string {
  return HELP.reduce((s, [re, to]) => s.replace(re, to), text);
}

export function spanishError(text: string): string {
  return ERRORS.reduce((s, [re, to]) => s.replace(re, to), text) + (text.includes('--help') ? '' : '\nUse --help para ver la ayuda.\n');
}
