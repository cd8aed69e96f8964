import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The package's root folder (templates/, schema/, the rule sets), found from this module whether
 * it runs as TypeScript from src/ or bundled into dist/.
 */
function findRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'ficha') return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error('ficha: package.json not found above the program');
    dir = up;
  }
}

export const PACKAGE_ROOT = findRoot();
export const TEMPLATES_DIR = join(PACKAGE_ROOT, 'templates');
export const RULESETS_DIR = join(PACKAGE_ROOT, 'src', 'rulesets');
export const SCHEMA_FILE = join(PACKAGE_ROOT, 'schema', 'formato-1.schema.json');
