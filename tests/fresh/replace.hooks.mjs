// Module hooks: a specifier that resolves to `from` resolves to `to` instead.
let replacements = {};
export function initialize(data) {
  replacements = data;
}
export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  const to = replacements[resolved.url];
  return to ? { ...resolved, url: to } : resolved;
}
