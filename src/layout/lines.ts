import type { Run } from './blocks.js';
import { fontFor, type FontName, type TextMeasure } from './measure.js';

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

/** A note mark (`*`, `**`, `†`) that refers to the word before it. */
const NOTE_MARK = /^[*†‡]+[.,;:)]?$/;

function tokenize(runs: readonly Run[]): Token[] {
  const tokens: Token[] = [];
  for (const run of runs) {
    const font = fontFor(run.bold, run.italic);
    for (const piece of run.text.split(/(\n| +)/)) {
      if (!piece) continue;
      const prev = tokens[tokens.length - 1];
      const word = tokens[tokens.length - 2];
      // «inicial *»: the mark never starts a line of its own; it stays with its word.
      if (NOTE_MARK.test(piece) && prev?.space && prev.font === font && word && !word.space && !word.newline && word.font === font) {
        tokens.pop();
        word.text += `${prev.text}${piece}`;
        continue;
      }
      tokens.push({ text: piece === '\n' ? '' : piece, font, space: piece.startsWith(' '), newline: piece === '\n' });
    }
  }
  return tokens;
}

/**
 * Greedy line breaking of styled runs into `width`. A word longer than the line is broken between
 * characters, so nothing ever runs past the column.
 */
export function breakLines(runs: readonly Run[], width: number, size: number, m: TextMeasure): Line[] {
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
    let text = tok.text;
    // A soft hyphen or zero-width space is where the word may break: the line ends there with a
    // hyphen (soft hyphen) or nothing (zero-width space); elsewhere both are invisible.
    while (BREAK.test(text)) {
      const spaceW = pendingSpace && current.length ? m.width(' ', pendingSpace.font, size) : 0;
      const whole = m.width(visible(text), tok.font, size);
      if (x + spaceW + whole <= width) break;
      const piece = widestPiece(text, width - x - spaceW, (t) => m.width(t, tok.font, size));
      if (piece) {
        if (spaceW) place(' ', pendingSpace!.font, spaceW);
        place(piece.shown, tok.font, m.width(piece.shown, tok.font, size));
        flush();
        text = text.slice(piece.end);
      } else if (current.length) flush();
      else break;
    }
    text = visible(text);
    const w = m.width(text, tok.font, size);
    const spaceW = pendingSpace ? m.width(' ', pendingSpace.font, size) : 0;
    if (current.length && x + spaceW + w > width) flush();
    else if (pendingSpace && current.length) place(' ', pendingSpace.font, spaceW);
    pendingSpace = undefined;
    if (w <= width) {
      place(text, tok.font, w);
      continue;
    }
    // A single word wider than the column: break it between characters.
    let chunk = '';
    for (const ch of text) {
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

const BREAK = /[\u00AD\u200B]/;
/** A text without its soft hyphens and zero-width spaces: where it is not broken, neither shows. */
export const withoutBreakMarks = (s: string) => s.replace(/[\u00AD\u200B]/g, '');
const visible = withoutBreakMarks;

/** A broken line's text, its segments joined. */
export const lineText = (line: Line) => line.segments.map((s) => s.text).join('');

/**
 * The longest start of `word` that ends at one of its soft hyphens or zero-width spaces and fits
 * `room` as printed (a soft hyphen printed as «-»), and where the rest begins.
 */
function widestPiece(word: string, room: number, width: (s: string) => number): { shown: string; end: number } | undefined {
  let best: { shown: string; end: number } | undefined;
  for (let i = 0; i < word.length; i++) {
    const c = word[i]!;
    if (c !== '\u00AD' && c !== '\u200B') continue;
    const shown = visible(word.slice(0, i)) + (c === '\u00AD' ? '-' : '');
    if (!shown || shown === '-') continue;
    if (width(shown) > room) break;
    best = { shown, end: i + 1 };
  }
  return best;
}

/**
 * A title or caption that is never cut: on at most two lines at `size`, else at a smaller size
 * (seven eighths), on two lines if they do, or on as many as it takes (three, for the longest).
 */
export function titleLines(text: string, width: number, size: number, m: TextMeasure, bold = true): { lines: Line[]; size: number } {
  const runs = [{ text, bold }];
  const lines = breakLines(runs, width, size, m);
  if (lines.length <= 2) return { lines, size };
  const smaller = size * 0.875;
  return { lines: breakLines(runs, width, smaller, m), size: smaller };
}
