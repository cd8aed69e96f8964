import { createHash } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { basename } from 'node:path';
import { isMainThread } from 'node:worker_threads';
import { writeAtomic } from '../output/write.js';
import { buildIdentity } from './buildIdentity.js';

/**
 * The one format of every file in the cache folder: a header with the build identity that wrote it
 * and the sha256 of what follows, then the contents. A file is trusted only when both match: one
 * written by another build (an upgrade, a fix to a figure) is deleted without a word, and a damaged
 * one (flipped bytes, a truncation, an edit by hand) is deleted with one line on stderr. Either way
 * the caller computes the contents again, as with no cache at all: a cache may make a ficha faster,
 * never different.
 *
 *   FICHA-CACHE 1\n<build identity, 64 hex>\n<sha256 of the contents, 64 hex>\n<contents>
 */
const MAGIC = 'FICHA-CACHE 1\n';
/** 144 bytes, a multiple of 8: contents read from a file keep the alignment typed arrays need. */
export const HEADER_BYTES = MAGIC.length + 65 + 65;

const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

/** Why a file's contents were not trusted (for `ficha cache info` and the tests). */
export type StampProblem = 'otra-compilacion' | 'danado';

/** The contents of a stamped file, or the reason they cannot be trusted. */
export function checkStamp(bytes: Buffer, identity = buildIdentity()): { contents: Buffer } | { problem: StampProblem } {
  if (bytes.length < HEADER_BYTES || bytes.toString('latin1', 0, MAGIC.length) !== MAGIC) return { problem: 'danado' };
  const header = bytes.toString('latin1', MAGIC.length, HEADER_BYTES);
  if (header[64] !== '\n' || header[129] !== '\n') return { problem: 'danado' };
  const contents = bytes.subarray(HEADER_BYTES);
  if (header.slice(0, 64) !== identity) return { problem: /^[0-9a-f]{64}$/.test(header.slice(0, 64)) ? 'otra-compilacion' : 'danado' };
  if (header.slice(65, 129) !== sha256(contents)) return { problem: 'danado' };
  return { contents };
}

export function stamp(contents: Uint8Array, identity = buildIdentity()): Buffer {
  return Buffer.concat([Buffer.from(`${MAGIC}${identity}\n${sha256(contents)}\n`, 'latin1'), contents]);
}

/**
 * Set once a damaged file was reported. The bundles the command loads (startup/compiled.ts) share
 * this module with it instead of carrying a copy, so this is once per process.
 */
let warned = false;

/**
 * The trusted contents of `file`, or undefined (not there, from another build, or damaged: then
 * deleted, so that the next write replaces it). Only the main thread speaks, once per process: a
 * batch's workers read the same files.
 */
export function readStamped(file: string): Buffer | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return undefined;
  }
  const checked = checkStamp(bytes);
  if ('contents' in checked) return checked.contents;
  discard(file, checked.problem);
  return undefined;
}

/** Deletes an untrusted cache file (`problem`: why), with one line on stderr for a damaged one. */
export function discard(file: string, problem: StampProblem): void {
  try {
    rmSync(file, { force: true });
  } catch {
    // a read-only folder: the file is ignored at every read instead
  }
  if (problem === 'danado' && !warned && isMainThread) {
    warned = true;
    process.stderr.write(`ficha: aviso: la caché ${basename(file)} estaba dañada; se descartó y se vuelve a calcular (ficha cache info).\n`);
  }
}

/** Writes `contents` stamped, atomically, for this user only. Throws as writeAtomic does. */
export function writeStamped(dir: string, name: string, contents: Uint8Array): string {
  return writeAtomic(dir, name, stamp(contents), { private: true });
}
