import { z } from 'zod';
import { KEY_DOCS } from './keyDocs.js';
import { inputSchema } from './schema.js';

type JsonSchema = { [k: string]: unknown; properties?: Record<string, JsonSchema>; additionalProperties?: JsonSchema | boolean; items?: JsonSchema; anyOf?: JsonSchema[] };

export const SCHEMA_ID = 'urn:ficha:schema:formato-1';

/**
 * The JSON Schema (draft 2020-12) of the input format, generated from the zod schema by zod's own
 * exporter; each key gets its Spanish description and examples from `keyDocs.ts`. A key without a
 * description is a bug of this file and throws, so the schema can never lag behind the format.
 */
export function inputJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(inputSchema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' }) as JsonSchema;
  const missing: string[] = [];
  annotate(schema, '', missing);
  if (missing.length) throw new Error(`keys without a description in keyDocs.ts: ${missing.join(', ')}`);
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: SCHEMA_ID,
    title: 'Ficha de monitoreo y seguimiento, formato 1',
    description: 'Un archivo YAML por programa y año; genera su ficha PDF con `ficha render`.',
    ...Object.fromEntries(Object.entries(schema).filter(([k]) => k !== '$schema')),
  };
}

/** Every key path of the format, as keyDocs names them (`componentes[].por_anio.*.gasto`). */
export function keyPaths(): string[] {
  const out: string[] = [];
  annotate(z.toJSONSchema(inputSchema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' }) as JsonSchema, '', [], out);
  return out;
}

function annotate(node: JsonSchema, path: string, missing: string[], paths?: string[]): void {
  for (const [key, child] of Object.entries(node.properties ?? {})) {
    const p = path ? `${path}.${key}` : key;
    paths?.push(p);
    const doc = KEY_DOCS[p];
    if (doc) {
      child.description = doc.d;
      if (doc.e !== undefined) child.examples = doc.e;
    } else missing.push(p);
    annotate(child, p, missing, paths);
  }
  if (node.additionalProperties && typeof node.additionalProperties === 'object') annotate(node.additionalProperties, `${path}.*`, missing, paths);
  if (node.items) annotate(node.items, `${path}[]`, missing, paths);
  for (const option of node.anyOf ?? []) annotate(option, path, missing, paths);
}
