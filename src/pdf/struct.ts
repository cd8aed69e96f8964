import type PDFDocument from 'pdfkit';

type Doc = InstanceType<typeof PDFDocument>;
type StructElement = ReturnType<Doc['struct']>;

export interface SlotOptions {
  alt?: string;
  /** Layout bounding box [left, top, right, bottom] in PDFKit's top-down page coordinates. */
  bbox?: [number, number, number, number];
  scope?: 'Row' | 'Column';
  colSpan?: number;
  lang?: string;
}

/**
 * A structure element created on first use, so elements enter the tree in drawing order, which is
 * reading order. Content drawn through `mark` becomes a marked-content child of the element.
 */
export class Slot {
  private element: StructElement | undefined;
  constructor(
    readonly type: string,
    readonly parent: Slot | ((doc: Doc, child: StructElement) => void),
    readonly options: SlotOptions = {},
  ) {}

  get(doc: Doc): StructElement {
    if (!this.element) {
      const { alt, scope, lang, bbox } = this.options;
      const el = doc.struct(this.type, { ...(alt ? { alt } : {}), ...(scope ? { scope } : {}), ...(lang ? { lang } : {}), ...(bbox ? { bbox, placement: 'Block' } : {}) } as never);
      if (this.options.colSpan && this.options.colSpan > 1) {
        const data = (el as unknown as { dictionary: { data: Record<string, unknown> } }).dictionary.data;
        data.A = { ...((data.A as object) ?? {}), O: 'Table', ColSpan: this.options.colSpan };
      }
      if (this.parent instanceof Slot) this.parent.get(doc).add(el);
      else this.parent(doc, el);
      this.element = el;
    }
    return this.element;
  }

  /** Draws `fn` as marked content belonging to this element. */
  mark(doc: Doc, fn: () => void, contentTag = this.type): void {
    const el = this.get(doc);
    const content = doc.markStructureContent(contentTag);
    fn();
    doc.endMarkedContent();
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
