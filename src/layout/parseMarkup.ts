import { COMMON_HTML, CURRENCY } from '@nodable/entities';
import { SaxesParser } from 'saxes';
import type { Align, Block, Cell, LayoutDoc, List, Paragraph, ParagraphStyle, Row, Run, Table } from './blocks.js';

/** An element of the markup, or a run of text (tag `#text`). */
interface XNode {
  tag: string;
  attrs: Record<string, string>;
  children: XNode[];
  text: string;
}

/** Named entities a template may use besides XML's five: common HTML ones (&nbsp;, &mdash;…) and currency signs. */
const HTML_ENTITIES = { ...COMMON_HTML, ...CURRENCY };

/**
 * The markup as a tree, parsed by a conforming (strict) XML parser: malformed markup throws with
 * its line. Text is kept as written (entities decoded): "517.500" stays a string.
 */
function parseXml(xml: string): XNode {
  const parser = new SaxesParser();
  Object.assign(parser.ENTITIES, HTML_ENTITIES);
  const document: XNode = { tag: '#document', attrs: {}, children: [], text: '' };
  const open = [document];
  // One text node per run of text between tags, however the parser hands it over.
  const text = (t: string) => {
    const siblings = open[open.length - 1]!.children;
    const last = siblings[siblings.length - 1];
    if (last?.tag === '#text') last.text += t;
    else siblings.push({ tag: '#text', attrs: {}, children: [], text: t });
  };
  parser.on('opentag', (t) => {
    const el: XNode = { tag: t.name, attrs: t.attributes as Record<string, string>, children: [], text: '' };
    open[open.length - 1]!.children.push(el);
    open.push(el);
  });
  parser.on('closetag', () => open.pop());
  parser.on('text', text);
  parser.on('cdata', text);
  parser.on('error', (err) => {
    const line = xml.split('\n')[parser.line - 1] ?? '';
    throw new Error(`template markup is not well-formed XML (${err.message.replace(/^\d+:\d+: /, '')}) at line ${parser.line}: ${line.trim()}`);
  });
  parser.write(xml).close();
  return document;
}

/** The templates' XML markup -> typed layout tree. Malformed markup is a template bug: it throws. */
export function parseMarkup(xml: string): LayoutDoc {
  const root = parseXml(xml).children.find((n) => n.tag === 'ficha');
  if (!root) throw new Error('template markup must have a <ficha> root element');
  return { title: root.attrs.title ?? '', footer: root.attrs.footer ?? '', blocks: blocks(root.children) };
}

function blocks(nodes: XNode[]): Block[] {
  const out: Block[] = [];
  for (const n of nodes) {
    const tag = n.tag;
    switch (tag) {
      case '#text':
        if (n.text.trim()) throw new Error(`text outside a block in template markup: ${n.text.trim().slice(0, 60)}`);
        break;
      case 'h2':
      case 'h3':
        out.push({ kind: 'heading', level: tag === 'h2' ? 2 : 3, text: plain(n.children) });
        break;
      case 'p':
        out.push(paragraph(n));
        break;
      case 'ul':
        out.push(list(n));
        break;
      case 'table':
        out.push(table(n));
        break;
      case 'keep':
        out.push({ kind: 'keep', blocks: blocks(n.children) });
        break;
      case 'spacer':
        out.push({ kind: 'spacer', height: Number(n.attrs['h'] ?? 6) });
        break;
      case 'chart':
        out.push({ kind: 'chart', name: n.attrs['name'] ?? '', alt: n.attrs['alt'] ?? '', caption: (n.attrs['caption'] ?? '').replace(/\s+/g, ' ').trim(), height: Number(n.attrs['h'] ?? 120) });
        break;
      case 'columns': {
        const cols = n.children.filter((c) => c.tag === 'column');
        const widths = (n.attrs['widths'] ?? cols.map(() => '1').join(',')).split(',').map(Number);
        if (widths.length !== cols.length) throw new Error(`<columns> has ${cols.length} columns but widths="${n.attrs['widths']}"`);
        out.push({ kind: 'columns', widths, columns: cols.map((c) => blocks(c.children)) });
        break;
      }
      default:
        throw new Error(`unknown element <${tag}> in template markup`);
    }
  }
  return out;
}

const STYLES: ParagraphStyle[] = ['body', 'line', 'note', 'kicker', 'title', 'subtitle', 'label'];

function paragraph(n: XNode): Paragraph {
  const style = (n.attrs['class'] ?? 'body') as ParagraphStyle;
  if (!STYLES.includes(style)) throw new Error(`unknown paragraph class "${style}"`);
  const tag = n.attrs['tag'] as Paragraph['tag'];
  // A link is a whole paragraph (<p><a href="x.pdf">…</a></p>): it is then one Link element.
  const kids = n.children.filter((c) => c.tag !== '#text' || c.text.trim() !== '');
  const link = kids.length === 1 && kids[0]!.tag === 'a' ? kids[0]!.attrs['href'] : undefined;
  const content = link !== undefined ? kids[0]!.children : n.children;
  return { kind: 'paragraph', style, runs: trimRuns(runs(content, {})), align: n.attrs['align'] as Align | undefined, tag, ...(link ? { link } : {}) };
}

function list(n: XNode): List {
  return { kind: 'list', items: n.children.filter((c) => c.tag === 'li').map((li) => trimRuns(runs(li.children, {}))) };
}

function runs(nodes: XNode[], style: { bold?: boolean; italic?: boolean }): Run[] {
  const out: Run[] = [];
  for (const n of nodes) {
    const tag = n.tag;
    if (tag === '#text') out.push({ text: n.text.replace(/\s+/g, ' '), ...style });
    else if (tag === 'b') out.push(...runs(n.children, { ...style, bold: true }));
    else if (tag === 'i') out.push(...runs(n.children, { ...style, italic: true }));
    else if (tag === 'br') out.push({ text: '\n', ...style });
    else if (tag === 'a') throw new Error('<a> must be the whole paragraph in template markup: <p><a href="…">…</a></p>');
    else throw new Error(`unknown inline element <${tag}> in template markup`);
  }
  return out;
}

function plain(nodes: XNode[]): string {
  return runs(nodes, {}).map((r) => r.text).join('').trim();
}

function table(n: XNode): Table {
  const widths = (n.attrs['widths'] ?? '').split(',').map(Number).filter((w) => w > 0);
  const section = (name: string) => n.children.filter((c) => c.tag === name).flatMap((s) => s.children.filter((r) => r.tag === 'tr').map(row));
  const t: Table = { kind: 'table', widths, header: section('thead'), body: section('tbody'), summary: n.attrs['summary'] };
  for (const r of [...t.header, ...t.body]) {
    const span = r.cells.reduce((s, c) => s + c.colspan, 0);
    if (span !== widths.length) throw new Error(`table row spans ${span} columns but the table has ${widths.length}: ${r.cells.map((c) => c.blocks.length).join(',')}`);
  }
  return t;
}

function row(n: XNode): Row {
  const cls = n.attrs['class'];
  return { style: cls === 'total' || cls === 'subheader' ? cls : undefined, cells: n.children.filter((c) => ['td', 'th'].includes(c.tag)).map(cell) };
}

function cell(n: XNode): Cell {
  const kids = n.children;
  const hasBlocks = kids.some((k) => ['p', 'ul'].includes(k.tag));
  const content = hasBlocks
    ? (blocks(kids) as (Paragraph | List)[])
    : [{ kind: 'paragraph' as const, style: 'body' as const, runs: trimRuns(runs(kids, {})) }];
  return { blocks: content, colspan: Number(n.attrs['colspan'] ?? 1), align: (n.attrs['align'] as Align) ?? 'left', header: n.tag === 'th' };
}

function trimRuns(rs: Run[]): Run[] {
  if (rs.length) {
    rs[0] = { ...rs[0]!, text: rs[0]!.text.trimStart() };
    const last = rs.length - 1;
    rs[last] = { ...rs[last]!, text: rs[last]!.text.trimEnd() };
  }
  return rs.filter((r) => r.text.length > 0);
}
