import { describe, expect, it } from 'vitest';
import type { Box as AnyBox } from '../../src/layout/boxes.js';
import type { Frame } from '../../src/layout/paint.js';

type Box = AnyBox<Frame>;
import { paginate } from '../../src/layout/paginate.js';

/** Draws nothing; records on which page and where each box landed. */
let placed: { name: string; page: number; y: number; repeat?: boolean }[] = [];
let page = 1;
function flow(boxes: (Box & { name: string })[], pageHeight = 100) {
  placed = [];
  page = 1;
  paginate({} as Frame, boxes, { top: 0, bottom: pageHeight }, () => page++);
  return placed;
}
const box = (name: string, height: number, extra: Partial<Box> = {}): Box & { name: string } => ({
  name,
  height,
  before: 0,
  draw: (_ctx, y, repeat) => void placed.push({ name, page, y, repeat }),
  ...extra,
});
const lines = (name: string, n: number, h = 10) => Array.from({ length: n }, (_, i) => box(`${name}${i}`, h, { lines: { id: name.length * 1000 + n, index: i, count: n } }));

describe('page flow', () => {
  it('never leaves a heading alone at the bottom of a page', () => {
    const placed = flow([box('a', 85), box('h', 10, { keepWithNext: true }), ...lines('p', 3)]);
    expect(placed.find((p) => p.name === 'h')).toMatchObject({ page: 2, y: 0 });
  });
  it('keeps at least two lines of a paragraph on each side of a break', () => {
    const placed = flow([box('a', 75), ...lines('p', 4)]);
    // 2 lines fit (75 + 20 <= 100); a third would leave one line alone on the next page.
    expect(placed.filter((p) => p.page === 1).map((p) => p.name)).toEqual(['a', 'p0', 'p1']);
    expect(placed.filter((p) => p.page === 2).map((p) => p.name)).toEqual(['p2', 'p3']);
  });
  it('moves a paragraph whose first two lines do not fit', () => {
    const placed = flow([box('a', 85), ...lines('p', 3)]);
    expect(placed.find((p) => p.name === 'p0')!.page).toBe(2);
  });
  it('moves a keep group whole when it fits on one page', () => {
    const placed = flow([box('a', 50), box('k1', 30, { keepId: 7 }), box('k2', 30, { keepId: 7 })]);
    expect(placed.filter((p) => p.name.startsWith('k')).map((p) => p.page)).toEqual([2, 2]);
  });
  it('repeats table header rows after a page break and never cuts a row that fits a page', () => {
    const header = [box('th', 10, { keepWithNext: true })];
    const rows = [1, 2, 3, 4].map((i) => box(`r${i}`, 30, { header }));
    const placed = flow([header[0]!, ...rows]);
    expect(placed.map((p) => `${p.name}@${p.page}${p.repeat ? '(repeat)' : ''}`)).toEqual(['th@1', 'r1@1', 'r2@1', 'r3@1', 'th@2(repeat)', 'r4@2']);
  });
  it('splits a row taller than a page', () => {
    const tall = box('tall', 150, {
      split: (_ctx, avail) => [box('tall-a', avail), box('tall-b', 150 - avail)],
    });
    const placed = flow([box('a', 20), tall]);
    expect(placed.map((p) => `${p.name}@${p.page}`)).toEqual(['a@1', 'tall-a@2', 'tall-b@3']);
  });
});

describe('a long table beside its charts', () => {
  it('starts at a page\'s bottom, its heading with it, when its first piece fits; else moves whole', () => {
    const columns = (name: string) =>
      box(name, 80, { minHeight: 30, split: (_ctx, avail) => [box(`${name}-a`, Math.floor(avail)), box(`${name}-b`, 80 - Math.floor(avail))] });
    const placed = flow([box('a', 50), box('h', 10, { keepWithNext: true }), columns('t')]);
    expect(placed.map((p) => `${p.name}@${p.page}`)).toEqual(['a@1', 'h@1', 't-a@1', 't-b@2']);
    const tight = flow([box('a', 65), box('h', 10, { keepWithNext: true }), columns('t')]);
    expect(tight.map((p) => `${p.name}@${p.page}`)).toEqual(['a@1', 'h@2', 't@2']);
  });
});

describe('headings and keep groups', () => {
  it('a heading moves with the keep group that follows it', () => {
    const placed = flow([box('a', 50), box('h', 10, { keepWithNext: true }), box('k1', 30, { keepId: 9 }), box('k2', 30, { keepId: 9 })]);
    expect(placed.map((p) => `${p.name}@${p.page}`)).toEqual(['a@1', 'h@2', 'k1@2', 'k2@2']);
  });
});

describe('a heading before a table in a keep group', () => {
  it('moves with the group even when the table header keeps with its first row', () => {
    const placed = flow([
      box('a', 60),
      box('h', 10, { keepWithNext: true }),
      box('th', 10, { keepId: 4, keepWithNext: true }),
      box('r1', 10, { keepId: 4 }),
      box('note', 15, { keepId: 4 }),
    ]);
    expect(placed.map((p) => `${p.name}@${p.page}`)).toEqual(['a@1', 'h@2', 'th@2', 'r1@2', 'note@2']);
  });
});
