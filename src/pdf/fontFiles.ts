import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

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
