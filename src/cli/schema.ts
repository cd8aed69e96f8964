import { basename, dirname } from 'node:path';
import { writeAtomic } from '../output/write.js';
import { inputJsonSchema } from '../validate/jsonSchema.js';

/** The JSON text of the input format's schema, as `ficha schema` prints it and `schema/` keeps it. */
export const schemaText = () => `${JSON.stringify(inputJsonSchema(), null, 2)}\n`;

/** `ficha schema [--out FILE]`: the JSON Schema (draft 2020-12) of formato 1. */
export function schemaCommand(opts: { out?: string }): number {
  const text = schemaText();
  if (!opts.out) {
    process.stdout.write(text);
    return 0;
  }
  writeAtomic(dirname(opts.out), basename(opts.out), Buffer.from(text, 'utf8'));
  console.error(`${opts.out}: esquema JSON del formato 1 (draft 2020-12)`);
  return 0;
}
