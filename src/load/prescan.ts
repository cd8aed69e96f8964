import { LIMITS } from './limits.js';

export interface PrescanProblem {
  code: 'too-many-items' | 'too-deep';
  message: string;
  offset: number;
}

/**
 * Past this many sibling lines the YAML parser is not even started: it takes ~18 µs a line, so a
 * 2 MB file of 64,000 keys cost 1.2 s before any check could refuse it. The limit itself (200) is
 * checked after parsing; this looser bound only keeps a key-looking line inside a multi-line
 * quoted text from ever refusing a valid file.
 */
const SIBLINGS = 4 * LIMITS.listItems;
/** Likewise for nesting: the parser's stack overflows near 10,000 levels; past 100 nothing is parsed. */
const DEEP = 5 * LIMITS.depth;

const KEY = /^( *)((?:- +)*)(?:[^\s#'"{[\]},&*!|>%@`-][^:#]*?|"[^"\n]*"|'[^'\n]*'|-[^\s:#][^:#]*?)[ \t]*:(?:[ \t]|$)/;
const ITEM = /^( *)((?:- +)+|-$)/;
const BLOCK_SCALAR = /:[ \t]+[|>][-+0-9]*[ \t]*(?:#.*)?$|^ *(?:- +)+[|>][-+0-9]*[ \t]*(?:#.*)?$/;

/**
 * One pass over the lines, before parsing: a block holding thousands of keys or items, nesting far
 * deeper than the limit (`[[[[…` or `- - - -…`, which overflow the parser's stack), are refused
 * here with the diagnostic the full check would give, at the line where the limit is crossed.
 */
export function prescan(text: string): PrescanProblem | undefined {
  const stack: { indent: number; count: number }[] = [];
  let blockIndent = -1;
  let offset = 0;
  let flowDepth = 0;
  for (const line of text.split('\n')) {
    const start = offset;
    offset += line.length + 1;
    const indent = /^ */.exec(line)![0].length;
    const rest = line.slice(indent);
    if (blockIndent >= 0) {
      if (rest === '' || rest === '\r' || indent > blockIndent) continue;
      blockIndent = -1;
    }
    const flow = flowNesting(line, flowDepth);
    if (flow.tooDeep !== undefined) return { code: 'too-deep', message: `demasiados niveles de anidación: el máximo es ${LIMITS.depth}`, offset: start + flow.tooDeep };
    const wasInFlow = flowDepth > 0;
    flowDepth = flow.depth;
    if (wasInFlow || rest === '' || rest.startsWith('#')) continue;
    const m = KEY.exec(line) ?? ITEM.exec(line);
    if (!m) continue;
    const dashes = (m[2] ?? '').split('-').length - 1;
    if (dashes > DEEP) return { code: 'too-deep', message: `demasiados niveles de anidación: el máximo es ${LIMITS.depth}`, offset: start };
    while (stack.length && stack[stack.length - 1]!.indent > indent) stack.pop();
    const top = stack[stack.length - 1];
    if (top && top.indent === indent) top.count++;
    else stack.push({ indent, count: 1 });
    const level = stack[stack.length - 1]!;
    if (level.count > SIBLINGS) {
      return { code: 'too-many-items', message: `un mapa o una lista tiene más de ${SIBLINGS} elementos: el máximo es ${LIMITS.listItems}`, offset: start };
    }
    if (stack.length + dashes > DEEP) return { code: 'too-deep', message: `demasiados niveles de anidación: el máximo es ${LIMITS.depth}`, offset: start };
    if (BLOCK_SCALAR.test(line)) blockIndent = indent;
  }
  return undefined;
}

/** Depth of [ and { after a line (outside quotes and comments), and where it first passes the limit. */
function flowNesting(line: string, depth: number): { depth: number; tooDeep?: number } {
  let quote = '';
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote) {
      if (c === quote) quote = '';
      else if (c === '\\' && quote === '"') i++;
      continue;
    }
    if (c === '#' && (i === 0 || line[i - 1] === ' ')) break;
    if ((c === '"' || c === "'") && (i === 0 || /[\s[{,:]/.test(line[i - 1]!))) quote = c;
    else if (c === '[' || c === '{') {
      if (++depth > DEEP) return { depth, tooDeep: i };
    } else if ((c === ']' || c === '}') && depth > 0) depth--;
  }
  return { depth };
}
