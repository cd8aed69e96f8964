/** The longest prefix of `text` that fits `width` with an ellipsis (binary search), or all of it. */
export function fitLine(full: string, width: number, measure: (s: string) => number): string {
  // Soft hyphens and zero-width spaces only mark where a line may break: one line shows neither.
  const text = full.replace(/[\u00AD\u200B]/g, '');
  if (measure(text) <= width) return text;
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (measure(`${text.slice(0, mid).trimEnd()}…`) <= width) lo = mid;
    else hi = mid - 1;
  }
  return `${text.slice(0, lo).trimEnd()}…`;
}
