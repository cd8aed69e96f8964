import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { delimiter, join, relative } from 'node:path';
import { PACKAGE_ROOT, RULESETS_DIR } from '../paths.js';

/** Everything besides the input's bytes that changes the PDF. */
export interface KeyOptions {
  templatesDir: string;
  charts: boolean;
  strict: boolean;
  date?: string;
}

const ROOT = PACKAGE_ROOT;
const RULESETS = RULESETS_DIR;
/** sha256 of a folder's files (paths and bytes), sorted. */
function folderHash(dir: string): string {
  const hash = createHash('sha256');
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else hash.update(`${relative(dir, p)}\0`).update(readFileSync(p)).update('\0');
    }
  };
  walk(dir);
  return hash.digest('hex');
}

let version: string | undefined;
export function fichaVersion(): string {
  version ??= (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  return version;
}

/**
 * What every input of a batch shares in its content key: the templates folder, the rule sets
 * (built in and FICHA_RULESETS), the ficha version, the options that change the PDF and
 * SOURCE_DATE_EPOCH. Computed once per batch.
 */
export function keyContext(opts: KeyOptions): string {
  const extra = (process.env.FICHA_RULESETS ?? '').split(delimiter).filter(Boolean);
  return JSON.stringify({
    version: fichaVersion(),
    templates: folderHash(opts.templatesDir),
    rulesets: [RULESETS, ...extra].map(folderHash),
    charts: opts.charts,
    strict: opts.strict,
    date: opts.date ?? null,
    epoch: process.env.SOURCE_DATE_EPOCH ?? null,
  });
}

/** The content key of one input: the same key means the same PDF. */
export function contentKey(bytes: Uint8Array, context: string): string {
  return createHash('sha256').update(bytes).update('\0').update(context).digest('hex');
}
