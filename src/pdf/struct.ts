import type PDFDocument from 'pdfkit';
import type { Tag } from '../layout/paint.js';

type Doc = InstanceType<typeof PDFDocument>;
type StructElement = ReturnType<Doc['struct']>;

/**
 * The document's structure elements for typesetting's tags, each created on first use, so elements
 * enter the tree in drawing order, which is reading order. The root tag (no parent) is added to the
 * document itself.
 */
export class StructTree {
  private readonly elements = new Map<Tag, StructElement>();
  constructor(private readonly doc: Doc) {}

  element(tag: Tag): StructElement {
    let el = this.elements.get(tag);
    if (!el) {
      const { alt, scope, bbox, colSpan } = tag.options;
      el = this.doc.struct(tag.type, { ...(alt ? { alt } : {}), ...(scope ? { scope } : {}), ...(bbox ? { bbox, placement: 'Block' } : {}) } as never);
      if (colSpan && colSpan > 1) {
        const data = (el as unknown as { dictionary: { data: Record<string, unknown> } }).dictionary.data;
        data.A = { ...((data.A as object) ?? {}), O: 'Table', ColSpan: colSpan };
      }
      if (tag.parent) this.element(tag.parent).add(el);
      else this.doc.addStructure(el);
      this.elements.set(tag, el);
    }
    return el;
  }

  /** Draws `fn` as marked content belonging to `tag`'s element. */
  mark(tag: Tag, fn: () => void): void {
    const el = this.element(tag);
    const content = this.doc.markStructureContent(tag.type);
    fn();
    this.doc.endMarkedContent();
    el.add(content);
  }
}

/** Draws `fn` as an artifact (layout decoration or pagination), outside the structure tree. */
export function artifact(doc: Doc, type: 'Layout' | 'Pagination', fn: () => void): void {
  doc.markContent('Artifact', { type } as never);
  fn();
  doc.endMarkedContent();
}

export type { Doc, StructElement };
