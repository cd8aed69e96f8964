import type { Run } from '../layout/blocks.js';
import { fontFor, type FontName } from './fonts.js';
import type { Measurer } from './measure.js';

export interface Segment {
  text: string;
  font: FontName;
  /** Offset from the line's left edge. */
  x: number;
  width: number;
}

export interface Line {
  segments: Segment[];
  width: number;
}

interface Token {
  text: string;
  font: FontName;
  space: boolean;
  newline: boolean;
}

function tokenize(runs: readonly Run[]): Token[] {
  const tokens: Token[] = [];
  for (const run of runs) {
    const font = fontFor(run.bold, run.italic);
    for (const piece of run.text.split(/(\n| +)/)) {
      if (!piece) continue;
      tokens.push({ text: piece === '\n' ? '' : piece, font, space: piece.startsWith(' '), newline: piece === '\n' });
    }
  }
  return tokens;
}

/**
 * Greedy line breaking of styled runs into `width`. A word longer than the line is broken between
 * characters, so nothing ever runs past the column.
 */
export function breakLines(runs: readonly Run[], width: number, size: number, m: Measurer): Line[] {
  const lines: Line[] = [];
  let current: Segment[] = [];
  let x = 0;
  let pendingSpace: Token | undefined;

  const flush = () => {
    lines.push({ segments: current, width: x });
    current = [];
    x = 0;
    pendingSpace = undefined;
  };
  const place = (text: string, font: FontName, w: number) => {
    const last = current[current.length - 1];
    if (last && last.font === font && last.x + last.width === x) {
      last.text += text;
      last.width += w;
    } else current.push({ text, font, x, width: w });
    x += w;
  };

  for (const tok of tokenize(runs)) {
    if (tok.newline) {
      flush();
      continue;
    }
    if (tok.space) {
      if (current.length) pendingSpace = tok;
      continue;
    }
    const w = m.width(tok.text, tok.font, size);
    const spaceW = pendingSpace ? m.width(' ', pendingSpace.font, size) : 0;
    if (current.length && x + spaceW + w > width) flush();
    else if (pendingSpace && current.length) place(' ', pendingSpace.font, spaceW);
    pendingSpace = undefined;
    if (w <= width) {
      place(tok.text, tok.font, w);
      continue;
    }
    // A single word wider than the column: break it between characters.
    let chunk = '';
    for (const ch of tok.text) {
      const cw = m.width(chunk + ch, tok.font, size);
      if (x + cw > width && chunk) {
        place(chunk, tok.font, m.width(chunk, tok.font, size));
        flush();
        chunk = ch;
      } else chunk += ch;
    }
    if (chunk) place(chunk, tok.font, m.width(chunk, tok.font, size));
  }
  if (current.length || lines.length === 0) flush();
  return lines;
}
