import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { blocksToBoxes } from '../../src/layout/blocksToBoxes.js';
import type { Block } from '../../src/layout/blocks.js';
import { paginate } from '../../src/layout/paginate.js';
import { Tag, type Frame, type Painter } from '../../src/layout/paint.js';
import type { Theme } from '../../src/layout/templates.js';

const theme = JSON.parse(readFileSync(new URL('../../templates/theme.json', import.meta.url), 'utf8')) as Theme;
/** Half a point per character and point of size: typesetting needs nothing else from fonts. */
const measure = { width: (s: string, _f: string, size: number) => [...s].length * size * 0.5 };

/** A painter that writes down what it is asked to draw, with the tags open around each thing. */
function recorder(): { painter: Painter; ops: string[] } {
  const ops: string[] = [];
  const open: string[] = [];
  const where = () => (open.length ? `${open.join('>')}: ` : '');
  const path = (tag: Tag): string => (tag.parent && tag.parent.type !== 'Document' ? `${path(tag.parent)}>${tag.type}` : tag.type);
  const painter: Painter = {
    tagged: (tag, fn) => (open.push(path(tag)), fn(), open.pop()),
    touch: (tag) => ops.push(`touch ${path(tag)}`),
    artifact: (kind, fn) => (open.push(`Artifact(${kind})`), fn(), open.pop()),
    line: (line) => ops.push(`${where()}${line.segments.map((s) => s.text).join('')}`),
    text: (text) => ops.push(`${where()}${text}`),
    fillRect: () => ops.push(`${where()}fill`),
    strokeRects: (rects) => ops.push(`${where()}stroke ${rects.length}`),
    rule: () => ops.push(`${where()}rule`),
    bookmark: (title, level) => ops.push(`bookmark ${level} ${title}`),
    chart: (name) => ops.push(`${where()}chart ${name}`),
    link: (_x, _y, _w, _h, target, tag) => ops.push(`${where()}link ${target} in ${path(tag)}`),
  };
  return { painter, ops };
}

/** Blocks set in a 300-point column, with no charts laid out. */
const typeset = (blocks: Block[]) => blocksToBoxes(blocks, { theme, width: 300, measure, root: new Tag('Document'), charts: () => false });

const p = (text: string, bold = false) => ({ kind: 'paragraph' as const, style: 'body' as const, runs: [{ text, bold }] });
const cell = (text: string, header = false) => ({ blocks: [p(text)], colspan: 1, align: 'left' as const, header });

describe('typesetting without a PDF', () => {
  it('lays out a heading, a table and a chart, and draws them through the painter with their tags', () => {
    const blocks: Block[] = [
      { kind: 'heading', level: 2, text: 'I. ANTECEDENTES' },
      {
        kind: 'table',
        widths: [2, 1],
        header: [{ cells: [cell('Concepto'), cell('2022')] }],
        body: [{ cells: [cell('Presupuesto', true), cell('1.234')] }, { cells: [cell('Total', true), { blocks: [], colspan: 1, align: 'right', header: false }] }],
        summary: 'Presupuesto',
      },
      { kind: 'chart', name: 'cobertura', alt: 'Cobertura por año', caption: 'Cobertura', height: 100 },
      { kind: 'chart', name: 'sin-datos', alt: '', caption: 'Nada', height: 100 },
    ];
    const root = new Tag('Document');
    const laidOut: string[] = [];
    const boxes = blocksToBoxes(blocks, { theme, width: 400, measure, root, charts: (name, w) => (laidOut.push(`${name}@${w}`), name !== 'sin-datos') });
    expect(laidOut).toEqual(['cobertura@400', 'sin-datos@400']);
    // The heading band, the header row, two body rows, the chart: the chart without data has no box.
    expect(boxes).toHaveLength(5);
    expect(boxes[0]!.keepWithNext).toBe(true);
    expect(boxes[2]!.header).toEqual([boxes[1]]);

    const { painter, ops } = recorder();
    const frame: Frame = { painter, theme, left: 50, width: 400 };
    let pages = 1;
    paginate(frame, boxes, { top: 0, bottom: 700 }, () => pages++);
    expect(pages).toBe(1);
    expect(ops).toEqual([
      'Artifact(Layout): fill',
      'bookmark 2 I. ANTECEDENTES',
      'H2: I. ANTECEDENTES',
      'Artifact(Layout): fill',
      'Artifact(Layout): fill',
      'Artifact(Layout): stroke 2',
      'Table>THead>TR>TH>P: Concepto',
      'Table>THead>TR>TH>P: 2022',
      'Artifact(Layout): stroke 2',
      'Table>TBody>TR>TH>P: Presupuesto',
      'Table>TBody>TR>TD>P: 1.234',
      'Artifact(Layout): stroke 2',
      'Table>TBody>TR>TH>P: Total',
      'touch Table>TBody>TR>TD',
      'Figure>Caption: Cobertura',
      'Figure: chart cobertura',
    ]);
  });

  it('repeats a table header after a page break as pagination, outside the structure', () => {
    const body = Array.from({ length: 30 }, (_, i) => ({ cells: [cell(`Región ${i + 1}`, true), cell(String(i))] }));
    const boxes = typeset([{ kind: 'table', widths: [1, 1], header: [{ cells: [cell('Región'), cell('N°')] }], body }]);
    const { painter, ops } = recorder();
    let pages = 1;
    paginate({ painter, theme, left: 0, width: 300 } as Frame, boxes, { top: 0, bottom: 200 }, () => (ops.push(`-- page ${++pages}`), pages));
    expect(pages).toBeGreaterThan(1);
    const afterBreak = ops.indexOf('-- page 2');
    expect(ops.slice(afterBreak + 1, afterBreak + 6)).toEqual(['Artifact(Layout): fill', 'Artifact(Layout): fill', 'Artifact(Layout): stroke 2', 'Artifact(Pagination): Región', 'Artifact(Pagination): N°']);
    expect(ops.filter((o) => o === 'Table>THead>TR>TH>P: Región')).toHaveLength(1);
  });
});

describe('links', () => {
  it('a paragraph that is a link is a Link element, its text and its link area drawn in it', () => {
    const link = { kind: 'paragraph' as const, style: 'body' as const, runs: [{ text: 'Programa uno (2025)' }], link: 'uno-2025.pdf' };
    const boxes = typeset([{ kind: 'table', widths: [1], header: [], body: [{ cells: [{ blocks: [link], colspan: 1, align: 'left', header: false }] }] }, link]);
    const { painter, ops } = recorder();
    paginate({ painter, theme, left: 0, width: 300 } as Frame, boxes, { top: 0, bottom: 700 }, () => 0);
    expect(ops.filter((o) => /Link/.test(o))).toEqual([
      'Table>TBody>TR>TD>Link: Programa uno (2025)',
      'Table>TBody>TR>TD>Link: link uno-2025.pdf in Table>TBody>TR>TD>Link',
      'Link: Programa uno (2025)',
      'Link: link uno-2025.pdf in Link',
    ]);
  });
});

describe('group titles in a table', () => {
  it('a subheader row never ends a page: it goes with the first row of its group', () => {
    const body = Array.from({ length: 24 }, (_, i) => (i % 4 === 0 ? { style: 'subheader' as const, cells: [{ ...cell(`Grupo ${i / 4 + 1}`, true), colspan: 2 }] } : { cells: [cell(`Fila ${i}`), cell(String(i))] }));
    const { painter, ops } = recorder();
    let pages = 1;
    paginate({ painter, theme, left: 0, width: 300 } as Frame, typeset([{ kind: 'table', widths: [1, 1], header: [{ cells: [cell('Programa'), cell('N°')] }], body }]), { top: 0, bottom: 150 }, () => (ops.push(`-- page ${++pages}`), pages));
    expect(pages).toBeGreaterThan(2);
    const texts = ops.filter((o) => /Grupo|Fila|-- page/.test(o));
    texts.forEach((o, i) => {
      if (/Grupo/.test(o)) expect(texts[i + 1], `after ${o}`).toMatch(/Fila/);
    });
  });
});
