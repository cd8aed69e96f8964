import type { YAMLError } from 'yaml';

export interface Explained {
  code: string;
  message: string;
  offset: number;
}

/**
 * Spanish text for every error code of the yaml library (its `ErrorCode` type; a test compares the
 * two lists). The library's English message is only read to tell cases of one code apart, never
 * shown. An unclosed bracket or quote is reported where it opens.
 */
export function explainYamlError(err: YAMLError, text: string): Explained {
  const at = err.pos[0];
  const english = err.message.split('\n')[0]!;
  const opened = (ch: string) => {
    const i = text.lastIndexOf(ch, Math.max(0, at - 1));
    return i >= 0 ? i : at;
  };
  const syntax = (message: string, offset = at): Explained => ({ code: 'yaml-syntax', message: `YAML no válido: ${message}`, offset });
  const flow = /flow (map|mapping)/i.test(english) ? '{ }' : /flow (seq|sequence)/i.test(english) ? '[ ]' : '[ ] o { }';
  switch (err.code) {
    case 'DUPLICATE_KEY':
      return { code: 'duplicate-key', message: 'clave duplicada: cada clave puede aparecer una sola vez en un mapa', offset: at };
    case 'TAB_AS_INDENT':
      return syntax('no se permiten tabulaciones como sangría; use espacios');
    case 'BLOCK_AS_IMPLICIT_KEY':
    case 'MULTILINE_IMPLICIT_KEY':
      return syntax('un texto con «: » debe ir entre comillas, o falta un salto de línea, o la línea siguiente tiene sangría de más');
    case 'MISSING_CHAR':
      if (/quote/i.test(english)) {
        const q = english.includes('"') ? '"' : "'";
        return syntax(`falta la comilla de cierre (${q}) del texto que empieza aquí`, opened(q));
      }
      if (/Missing , or :/.test(english)) return syntax(`falta «,» o «:» entre los elementos de ${flow}`);
      if (/Missing ,/.test(english)) return syntax(`falta una coma entre los elementos de ${flow}`);
      if (/space after :/.test(english)) return syntax('falta un espacio después de «:»');
      if (/Implicit map keys need to be followed/.test(english)) return syntax('a esta clave le falta «:» y su valor');
      if (/Comments must be separated/.test(english)) return syntax('un comentario (#) debe ir precedido de un espacio');
      if (/Sequence item without/.test(english)) return syntax('a este elemento de lista le falta el guion «- »');
      if (/Tags and anchors/.test(english)) return syntax('una ancla (&) o etiqueta (!) debe ir seguida de un espacio');
      if (/directives-end/.test(english)) return syntax('falta la línea «---» entre las directivas (%) y el documento');
      return syntax('falta un carácter (una comilla, una coma, «:» o un cierre de ] o })');
    case 'BAD_INDENT':
      if (/Flow sequence/.test(english)) return syntax('la lista que se abre aquí con [ no se cierra con ]', opened('['));
      if (/Flow map/.test(english)) return syntax('el mapa que se abre aquí con { no se cierra con }', opened('{'));
      if (/sequence items/.test(english)) return { code: 'yaml-syntax', message: 'sangría: los elementos «- » de una lista deben empezar en la misma columna', offset: at };
      if (/mapping items/.test(english)) return { code: 'yaml-syntax', message: 'sangría: las claves de un mapa deben empezar en la misma columna', offset: at };
      return { code: 'yaml-syntax', message: 'sangría: esta línea no está alineada con las de su bloque', offset: at };
    case 'BAD_ALIAS':
      if (/empty/.test(english)) return syntax('un alias (*) o ancla (&) sin nombre');
      if (/ambiguous/.test(english)) return syntax('un alias o ancla que termina en «:» es ambiguo: deje un espacio antes de «:»');
      return syntax('el alias (*nombre) no corresponde a ninguna ancla (&nombre) anterior');
    case 'ALIAS_PROPS':
      return syntax('un alias (*nombre) no puede llevar ancla (&) ni etiqueta (!)');
    case 'BAD_DIRECTIVE':
      return syntax('directiva (%…) no válida: un archivo de ficha no necesita directivas');
    case 'BAD_DQ_ESCAPE':
      return syntax('secuencia de escape (\\…) no válida dentro de comillas dobles: use comillas simples o escriba \\\\');
    case 'BAD_PROP_ORDER':
      return syntax('el ancla (&) o la etiqueta (!) va después de «- » o «? », no antes');
    case 'BAD_SCALAR_START': {
      const ch = /cannot start with (.)/.exec(english)?.[1] ?? text[at] ?? '';
      return syntax(`un texto no puede empezar con «${ch}»: póngalo entre comillas`);
    }
    case 'BLOCK_IN_FLOW':
      return syntax('dentro de [ ] o { } no puede ir una lista o un mapa con sangría ni un texto con | o >');
    case 'KEY_OVER_1024_CHARS':
      return syntax('una clave de más de 1024 caracteres: ¿falta un salto de línea o «: » está dentro de un texto sin comillas?');
    case 'MULTIPLE_ANCHORS':
      return syntax('un valor puede tener una sola ancla (&)');
    case 'MULTIPLE_TAGS':
      return syntax('un valor puede tener una sola etiqueta (!)');
    case 'MULTIPLE_DOCS':
      return syntax('el archivo tiene más de un documento (separados por «---»): se esperaba un programa por archivo');
    case 'NON_STRING_KEY':
      return syntax('una clave debe ser un texto o un número, no una lista ni un mapa');
    case 'RESOURCE_EXHAUSTION':
      return { code: 'yaml-alias-limit', message: 'los alias YAML (*ancla) se expanden en demasiados valores', offset: at };
    case 'TAG_RESOLVE_FAILED':
      return syntax('etiqueta YAML (!…) desconocida: quítela');
    case 'BAD_COLLECTION_TYPE':
      return syntax('la etiqueta (!…) no corresponde a este tipo de valor: quítela');
    case 'UNEXPECTED_TOKEN':
      if (/Unexpected ,/.test(english)) return syntax(`coma sobrante en ${flow}`);
      if (/empty item/.test(english)) return syntax(`elemento vacío en ${flow} (dos comas seguidas)`);
      if (/Block scalar header/.test(english)) return syntax('después de | o > sólo puede ir un comentario en la misma línea; el texto va en las líneas siguientes, con sangría');
      return syntax(`carácter inesperado «${(text[at] ?? '').trim() || 'fin de línea'}»`);
    case 'IMPOSSIBLE':
      return syntax('estructura que no se puede leer en este punto');
  }
  return syntax('estructura que no se puede leer en este punto');
}
