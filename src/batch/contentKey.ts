import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { buildIdentity, folderDigest } from '../cache/buildIdentity.js';
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
let version: string | undefined;
export function fichaVersion(): string {
  version ??= (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  return version;
}

/**
 * What every input of a batch shares in its content key: the build identity (the code, the
 * packages, the lock file and Node: any change of them renders every ficha again), the templates
 * folder, the rule sets (built in and FICHA_RULESETS), the options that change the PDF and
 * SOURCE_DATE_EPOCH. Computed once per batch.
 */
export function keyContext(opts: KeyOptions): string {
  const extra = (process.env.FICHA_RULESETS ?? '').split(delimiter).filter(Boolean);
  return JSON.stringify({
    version: fichaVersion(),
    build: buildIdentity(),
    templates: folderDigest(opts.templatesDir),
    rulesets: [RULESETS, ...extra].map(folderDigest),
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
