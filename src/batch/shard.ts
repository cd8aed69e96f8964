import { createHash } from 'node:crypto';
import { basename, extname } from 'node:path';

export interface Shard {
  k: number;
  n: number;
}

/** More shards than a year has programs split nothing; past this a number is a typo. */
export const MAX_SHARDS = 1000;

/** `K/N` with 1 <= K <= N <= MAX_SHARDS. */
export function parseShard(text: string): Shard | undefined {
  const m = /^(\d{1,4})\/(\d{1,4})$/.exec(text.trim());
  if (!m) return undefined;
  const [k, n] = [Number(m[1]), Number(m[2])];
  return n >= 1 && n <= MAX_SHARDS && k >= 1 && k <= n ? { k, n } : undefined;
}

/**
 * The shard (1..n) of an input: a hash of its file name without the folder and extension (by
 * convention `<programa.id>-<anio>`), so an input keeps its shard when others are added or removed.
 */
export function shardOf(file: string, n: number): number {
  const name = basename(file, extname(file));
  return (createHash('sha256').update(name).digest().readUInt32BE(0) % n) + 1;
}
