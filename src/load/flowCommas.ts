import { isMap, isScalar, isSeq, Scalar, type Document, type Node, type Pair } from 'yaml';
import { meantNumber } from './chileanNumbers.js';

export interface FlowComma {
  /** Offset of the number as typed (`73,0`), where the diagnostic points. */
  offset: number;
  typed: string;
  meant: string;
  /** Offset of the key the comma made (`0`), whose own complaints are this one mistake. */
  keyOffset: number;
}

/**
 * `{ 2021: 73,0, 2022: 76.0 }`: in a flow map the comma ends the pair, so YAML reads `2021: 73` and
 * a key `0` without a value (two of them are a duplicate key). Each such comma is found in the
 * source text, and the document is repaired to what was meant, so that the rest of the file is
 * still checked and this mistake is reported once, at the number, not as a stray key.
 */
export function repairFlowCommas(doc: Document.Parsed, text: string): FlowComma[] {
  const out: FlowComma[] = [];
  const walk = (node: unknown): void => {
    if (isSeq(node)) for (const item of node.items) walk(item);
    if (!isMap(node)) return;
    const items = node.items as Pair<unknown, unknown>[];
    for (let i = 0; i < items.length; i++) {
      const pair = items[i]!;
      walk(pair.value);
      if (!node.flow || i === 0) continue;
      const key = pair.key;
      const prev = items[i - 1]!.value;
      if (!isScalar(key) || pair.value !== null || !isScalar(prev) || typeof prev.value !== 'number') continue;
      const [keyStart, keyEnd] = key.range ?? [];
      const [prevStart, prevEnd] = prev.range ?? [];
      if (keyStart === undefined || prevStart === undefined || prevEnd === undefined || keyEnd === undefined) continue;
      // Only `73,0` as typed: the number, the comma and the digits touch.
      if (text[keyStart - 1] !== ',' || prevEnd !== keyStart - 1 || !/^\d+$/.test(text.slice(keyStart, keyEnd))) continue;
      const typed = text.slice(prevStart, keyEnd);
      const meant = meantNumber(typed);
      if (!meant) continue;
      out.push({ offset: prevStart, typed, meant: meant.text, keyOffset: keyStart });
      const fixed = new Scalar(meant.value);
      fixed.range = [prevStart, keyEnd, keyEnd];
      items[i - 1]!.value = fixed;
      items.splice(i, 1);
      i--;
    }
  };
  walk(doc.contents as Node);
  return out;
}
