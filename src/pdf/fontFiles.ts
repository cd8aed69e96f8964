import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { isAbsolute, resolve } from 'node:path';

const require = createRequire(import.meta.url);

/** A theme's font path: absolute, relative to the templates folder, or inside an npm package. */
export function resolveFontPath(spec: string, templatesDir: string): string {
  if (isAbsolute(spec)) return spec;
  if (spec.startsWith('.')) return resolve(templatesDir, spec);
  return require.resolve(spec);
}

const files = new Map<string, { bytes: Buffer; digest?: string }>();

/** A font file's bytes, read once per process. */
export function fontBytes(path: string): Buffer {
  let entry = files.get(path);
  if (!entry) files.set(path, (entry = { bytes: readFileSync(path) }));
  return entry.bytes;
}

/** A short hash of a font file: what caches of its shaped text and coverage are kept under. */
export function fontFileDigest(path: string): string {
  fontBytes(path);
  const entry = files.get(path)!;
  return (entry.digest ??= createHash('sha256').update(entry.bytes).digest('hex').slice(0, 16));
}
