/** The number of pages of a PDF ficha writes (PDFKit writes each page object uncompressed). */
export function pageCount(pdf: Uint8Array): number {
  return (Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;
}
