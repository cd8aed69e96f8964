import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PACKAGE_ROOT } from '../paths.js';

/**
 * The packages whose code or data decide a PDF's bytes. Their versions are part of the build
 * identity, and the files that reach into their private state are pinned to these exact versions
 * in package.json (tests/cache/buildIdentity.test.ts checks both).
 */
export const DECISIVE_PACKAGES = ['pdfkit', 'fontkit', 'vega', 'vega-lite', 'handlebars', 'yaml', 'zod'] as const;

/** What scripts/build.mjs writes into dist/build-id.json. */
export interface BuildStamp {
  /** sha256 of every file the build wrote (paths and bytes). */
  code: string;
  /** Versions of DECISIVE_PACKAGES as bundled. */
  packages: Record<string, string>;
}

const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

/** sha256 of a folder's files, paths and bytes, in sorted order. */
export function folderDigest(dir: string): string {
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

function installedVersion(pkg: string): string {
  try {
    return (JSON.parse(readFileSync(join(PACKAGE_ROOT, 'node_modules', pkg, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

/**
 * The built program's stamp (dist/build-id.json, next to the bundle that runs), or, run from the
 * TypeScript sources, one computed from src/ and the installed packages.
 */
function stamp(): BuildStamp {
  const built = join(dirname(fileURLToPath(import.meta.url)), 'build-id.json');
  if (existsSync(built)) return JSON.parse(readFileSync(built, 'utf8')) as BuildStamp;
  return {
    code: folderDigest(join(PACKAGE_ROOT, 'src')),
    packages: Object.fromEntries(DECISIVE_PACKAGES.map((p) => [p, installedVersion(p)])),
  };
}

let identity: string | undefined;

/**
 * A hash of everything besides an input, the templates and the options that can change a PDF's
 * bytes: the program's code, the versions of the packages that shape, draw and parse, the lock file
 * (every other dependency, and the data files PDFKit reads at run time), and Node itself (its zlib
 * compresses the PDF's streams; its V8 reads the code caches). Every file in the cache folder
 * carries it, and `--changed` keys every ficha with it: a new build trusts nothing an older one
 * computed.
 */
export function buildIdentity(): string {
  if (identity) return identity;
  const lock = join(PACKAGE_ROOT, 'package-lock.json');
  const parts = {
    ...stamp(),
    lock: existsSync(lock) ? sha256(readFileSync(lock)) : null,
    node: `${process.version} ${process.arch} ${process.platform}`,
  };
  return (identity = sha256(JSON.stringify(parts)));
}
