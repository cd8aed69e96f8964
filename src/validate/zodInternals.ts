/**
 * The one place where ficha reads zod's schema internals (`def`: type, shape, element, options):
 * the keys an object of the input format accepts at a path, for "¿quiso decir …?" suggestions.
 * tests/validate/zodInternals.test.ts fails loudly when a zod update changes them.
 */
export function keysAt(root: unknown, path: readonly (string | number)[]): string[] | undefined {
  let schema: unknown = root;
  for (const seg of path) {
    schema = unwrap(schema);
    const def = (schema as { def?: { type?: string; shape?: Record<string, unknown>; element?: unknown; valueType?: unknown } }).def;
    if (!def) return undefined;
    if (def.type === 'object' && def.shape) schema = def.shape[seg as string];
    else if (def.type === 'array') schema = def.element;
    else if (def.type === 'record') schema = def.valueType;
    else return undefined;
  }
  schema = unwrap(schema);
  const def = (schema as { def?: { type?: string; shape?: Record<string, unknown>; options?: unknown[] } }).def;
  if (def?.type === 'object' && def.shape) return Object.keys(def.shape);
  if (def?.type === 'union') {
    for (const option of def.options ?? []) {
      const o = (unwrap(option) as { def?: { type?: string; shape?: Record<string, unknown> } }).def;
      if (o?.type === 'object' && o.shape) return Object.keys(o.shape);
    }
  }
  return undefined;
}

function unwrap(schema: unknown): unknown {
  let s = schema as { def?: { type?: string; innerType?: unknown; in?: unknown } } | undefined;
  for (let i = 0; i < 10 && s?.def; i++) {
    if (s.def.innerType) s = s.def.innerType as typeof s;
    else if (s.def.type === 'pipe' && s.def.in) s = s.def.in as typeof s;
    else break;
  }
  return s;
}


/**
 * The first answer of `look` for the schema at a path, asked of each wrapper as it is peeled
 * (default, optional, transform), so a tag put on any of them is found. A union is entered through
 * the first option that has the next key (`fet: true | {monto, texto}`).
 */
export function lookAt<T>(root: unknown, path: readonly (string | number)[], look: (schema: unknown) => T | undefined): T | undefined {
  let schema: unknown = root;
  for (const seg of path) {
    schema = unwrap(schema);
    schema = child(schema, seg);
    if (schema === undefined) return undefined;
  }
  let s = schema as { def?: { type?: string; innerType?: unknown; in?: unknown } } | undefined;
  for (let i = 0; i < 10 && s; i++) {
    const found = look(s);
    if (found !== undefined) return found;
    if (s.def?.innerType) s = s.def.innerType as typeof s;
    else if (s.def?.type === 'pipe' && s.def.in) s = s.def.in as typeof s;
    else break;
  }
  return undefined;
}

function child(schema: unknown, seg: string | number): unknown {
  const def = (schema as { def?: { type?: string; shape?: Record<string, unknown>; element?: unknown; valueType?: unknown; options?: unknown[] } }).def;
  if (!def) return undefined;
  if (def.type === 'object' && def.shape) return def.shape[seg as string];
  if (def.type === 'array') return typeof seg === 'number' ? def.element : undefined;
  if (def.type === 'record') return def.valueType;
  if (def.type === 'union') {
    for (const option of def.options ?? []) {
      const c = child(unwrap(option), seg);
      if (c !== undefined) return c;
    }
  }
  return undefined;
}
