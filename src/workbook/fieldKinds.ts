import { inputJsonSchema } from '../validate/jsonSchema.js';

type Node = Record<string, unknown>;

/** What a column holds, as the input format's schema says: how a typed cell is read. */
export interface FieldKind {
  /** Takes a number (an amount, a count, a year, a percentage). */
  number: boolean;
  /** Takes text other than the markers N/A and S/I and its listed values. */
  text: boolean;
  boolean: boolean;
  /** The values a list cell may take (data validation in the workbook). */
  values: string[];
}

let schema: Node | undefined;
const kinds = new Map<string, FieldKind>();

/** The schema nodes a path may reach (a union has several); segments: keys, [] for items, {} for map values. */
function nodesAt(node: Node, segments: string[]): Node[] {
  if (Array.isArray(node.anyOf)) return (node.anyOf as Node[]).flatMap((n) => nodesAt(n, segments));
  if (segments.length === 0) return [node];
  const [seg, ...rest] = segments as [string, ...string[]];
  if (seg === '[]') return node.items ? nodesAt(node.items as Node, rest) : [];
  if (seg === '{}') {
    const values = [node.additionalProperties, ...Object.values((node.patternProperties as Node) ?? {})].filter((n): n is Node => typeof n === 'object' && n !== null);
    return values.flatMap((n) => nodesAt(n, rest));
  }
  const prop = (node.properties as Record<string, Node> | undefined)?.[seg];
  return prop ? nodesAt(prop, rest) : [];
}

const MARKERS = ['N/A', 'S/I'];

/**
 * The kind of the field at `path` (`presupuesto.por_anio{}.inicial`, `regiones[].region`): read
 * from the JSON schema of the format, so the workbook reads cells as the YAML would be validated.
 */
export function fieldKind(path: string): FieldKind {
  let known = kinds.get(path);
  if (!known) kinds.set(path, (known = kindAt(path)));
  return known;
}

function kindAt(path: string): FieldKind {
  schema ??= inputJsonSchema() as Node;
  const segments = path.split(/\.|(?=\[\]|\{\})/).flatMap((s) => (s.startsWith('[]') || s.startsWith('{}') ? [s.slice(0, 2), s.slice(2)].filter(Boolean) : [s]));
  const leaves = nodesAt(schema, segments.filter(Boolean));
  const kind: FieldKind = { number: false, text: false, boolean: false, values: [] };
  for (const leaf of leaves) {
    const types = ([] as unknown[]).concat(leaf.type ?? []);
    if (types.includes('number') || types.includes('integer')) kind.number = true;
    if (types.includes('boolean')) kind.boolean = true;
    const listed = [...((leaf.enum as unknown[]) ?? []), ...(leaf.const !== undefined ? [leaf.const] : [])].filter((v): v is string => typeof v === 'string');
    kind.values.push(...listed.filter((v) => !kind.values.includes(v)));
    if (types.includes('string') && listed.length === 0) kind.text = true;
  }
  // The markers are always allowed where a figure is: they are not a reason to read text.
  kind.values = kind.values.filter((v) => !MARKERS.includes(v) || !kind.number);
  return kind;
}
