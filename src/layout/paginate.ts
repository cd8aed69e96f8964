import type { Box } from './boxes.js';

export interface PageFrame {
  top: number;
  bottom: number;
}

/**
 * Flows boxes onto pages, top to bottom. Rules: a box marked keepWithNext never ends a page (a
 * heading stays with what follows it, down to two lines of a paragraph); a keep group moves whole
 * to a new page when it fits on one; a paragraph leaves at least two lines on each side of a break;
 * a table row that starts a page is preceded by the table's header rows; a box taller than a page
 * is split if it can be.
 */
export function paginate<C>(ctx: C, input: readonly Box<C>[], frame: PageFrame, newPage: () => void): void {
  const queue = [...input];
  const pageHeight = frame.bottom - frame.top;
  let y = frame.top;
  let atTop = true;
  const startPage = (next: Box<C> | undefined) => {
    newPage();
    y = frame.top;
    atTop = true;
    if (next?.header?.length) {
      for (const h of next.header) {
        h.draw(ctx, y, true);
        y += h.height;
      }
    }
  };

  for (let i = 0; i < queue.length; i++) {
    const box = queue[i]!;
    const before = atTop ? 0 : box.before;
    const room = frame.bottom - y;

    if (!atTop && box.keepId !== undefined && queue[i - 1]?.keepId !== box.keepId) {
      const group = stretch(queue, i, (b) => b.keepId === box.keepId);
      const h = heightOf(group) - group[0]!.before;
      if (before + h > room && h <= pageHeight) {
        startPage(box);
        i--;
        continue;
      }
    }

    let need = before + box.height;
    let j = i;
    while (queue[j]!.keepWithNext && j + 1 < queue.length) {
      j++;
      const next = queue[j]!;
      // A box that can start here and continue on the next page needs only its first piece.
      if (next.split && next.minHeight !== undefined) {
        need += next.before + next.minHeight;
        break;
      }
      need += next.before + next.height;
    }
    const last = queue[j]!;
    if (j > i && last.lines && last.lines.index === 0 && last.lines.count >= 2) need += queue[j + 1]!.height;
    // A heading followed by a keep group goes with the whole group (when the group fits a page).
    for (let k = i + 1; k <= j; k++) {
      const id = queue[k]!.keepId;
      if (id === undefined || queue[k - 1]!.keepId === id) continue;
      const group = stretch(queue, k, (b) => b.keepId === id);
      const withGroup = heightOf(queue.slice(i, k)) - queue[i]!.before + before + heightOf(group);
      if (withGroup - before <= pageHeight) need = Math.max(need, withGroup);
      break;
    }
    if (j === i && box.lines && box.lines.index === 0 && box.lines.count >= 2) need += queue[i + 1]!.height;
    // Widow: the paragraph's last line alone at the top of the next page.
    if (box.lines && box.lines.index >= 2 && box.lines.index === box.lines.count - 2 && before + box.height + queue[i + 1]!.height > room) {
      need = Infinity;
    }

    // A long table (beside its charts) starts at the page's bottom and continues on the next.
    if (need > room && !atTop && box.split && box.minHeight !== undefined && before + box.minHeight <= room) {
      const parts = box.split(ctx, room - before);
      if (parts) {
        queue.splice(i, 1, parts[0], { ...parts[1], header: box.header, keepWithNext: box.keepWithNext, keepId: box.keepId });
        parts[0].draw(ctx, y + before);
        y += before + parts[0].height;
        atTop = false;
        continue;
      }
    }
    if (need > room && !atTop) {
      startPage(box);
      i--;
      continue;
    }
    if (before + box.height > room && box.split) {
      const parts = box.split(ctx, room - before);
      if (parts) {
        queue.splice(i, 1, parts[0], { ...parts[1], header: box.header });
        parts[0].draw(ctx, y + before);
        y += before + parts[0].height;
        atTop = false;
        continue;
      }
    }
    box.draw(ctx, y + before);
    y += before + box.height;
    atTop = false;
  }
}

function stretch<C>(queue: Box<C>[], from: number, same: (b: Box<C>) => boolean): Box<C>[] {
  const out: Box<C>[] = [];
  for (let k = from; k < queue.length && same(queue[k]!); k++) out.push(queue[k]!);
  return out;
}

function heightOf<C>(boxes: Box<C>[]): number {
  return boxes.reduce((s, b) => s + b.before + b.height, 0);
}
