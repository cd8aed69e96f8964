import { Document, isScalar, visit } from 'yaml';

/**
 * An input's data as the YAML ficha writes (ficha sample, ficha import): its leading comment, then
 * the data, 100 columns wide, with year and code keys as numbers (`2021: 73`, not `"2021": 73`),
 * as a person writes them. The same data always gives the same text.
 */
export function inputYaml(data: unknown, comment?: string): string {
  const doc = new Document(data);
  visit(doc, {
    Pair(_, pair) {
      if (isScalar(pair.key) && typeof pair.key.value === 'string' && /^-?\d+$/.test(pair.key.value)) pair.key.value = Number(pair.key.value);
    },
  });
  const head = comment === undefined || comment === '' ? '' : `${comment.split('\n').map((l) => `#${l}`).join('\n')}\n`;
  return `${head}${doc.toString({ lineWidth: 100 })}`;
}
