import type { Doc } from './struct.js';

/** PDFKit writes Title, Author and Subject into the XMP packet unescaped. */
export function escapeXmpInfo(doc: Doc): void {
  const d = doc as unknown as { _addInfo: () => void; info: Record<string, unknown> };
  const original = d._addInfo;
  const esc = (v: unknown) => (typeof v === 'string' ? v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;') : v);
  d._addInfo = function (this: typeof d) {
    const saved = this.info;
    this.info = Object.fromEntries(Object.entries(saved).map(([k, v]) => [k, esc(v)]));
    try {
      original.call(this);
    } finally {
      this.info = saved;
    }
  };
}
