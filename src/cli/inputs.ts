import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Expands files and folders into the YAML files to process, sorted; missing paths are reported. */
export function collectInputs(paths: readonly string[]): { files: string[]; missing: string[] } {
  const files: string[] = [];
  const missing: string[] = [];
  for (const p of paths) {
    let st;
    try {
      st = statSync(p);
    } catch {
      missing.push(p);
      continue;
    }
    if (st.isDirectory()) {
      files.push(
        ...readdirSync(p)
          .filter((f) => /\.ya?ml$/i.test(f) && !f.startsWith('.'))
          .sort()
          .map((f) => join(p, f)),
      );
    } else files.push(p);
  }
  return { files, missing };
}
