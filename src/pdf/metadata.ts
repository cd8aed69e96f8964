import { aroundAddInfo } from './internals/pdfkitInternals.js';
import type { Doc } from './struct.js';

/** PDFKit writes Title, Author and Subject into the XMP packet unescaped. */
export function escapeXmpInfo(doc: Doc): void {
  const esc = (v: unknown) => (typeof v === 'string' ? v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;') : v);
  aroundAddInfo(doc, (original, info, setInfo) => {
    setInfo(Object.fromEntries(Object.entries(info).map(([k, v]) => [k, esc(v)])));
    try {
      original();
    } finally {
      setInfo(info);
    }
  });
}
