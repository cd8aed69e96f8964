/** A cache file's entries as read back: looked up, and listed when the file is written again. */
export interface Stored<V> {
  readonly size: number;
  get(key: string): V | undefined;
  keys(): Iterable<string>;
}

/** How a cache's entries are written to its file and read back. */
export interface Codec<V> {
  extension: string;
  encode(entries: Map<string, V>): Buffer;
  /** Throws on a file it cannot read: the cache then starts empty. */
  decode(bytes: Buffer): Stored<V>;
}

/** Any JSON value per key, as one JSON object. */
export const jsonCodec: Codec<unknown> = {
  extension: 'json',
  encode: (entries) => Buffer.from(JSON.stringify(Object.fromEntries(entries)), 'utf8'),
  decode(bytes) {
    const parsed = JSON.parse(bytes.toString('utf8')) as unknown;
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not a JSON object');
    return new Map(Object.entries(parsed));
  },
};

const MAGIC = 'FICHANUM';
const SEPARATOR = '\u0000';

/**
 * Numbers per key (shaped words: a few dozen numbers each), in a binary file that loads ~10 times
 * faster than the same JSON: the keys as one UTF-8 text, then each entry's offset, then all the
 * numbers as float64. Reading splits the keys once; a value becomes a view of the file's numbers
 * when it is looked up (a ficha uses a few thousand of the tens of thousands a cache keeps, and
 * making them all at start-up made objects for the garbage collector to copy).
 */
export const numbersCodec: Codec<ArrayLike<number>> = {
  extension: 'bin',
  encode(entries) {
    const keys: string[] = [];
    const offsets: number[] = [0];
    let total = 0;
    for (const [k, v] of entries) {
      if (k.includes(SEPARATOR)) continue;
      keys.push(k);
      total += v.length;
      offsets.push(total);
    }
    const keyBytes = Buffer.from(keys.join(SEPARATOR), 'utf8');
    const offsetsAt = align8(16 + keyBytes.length);
    const valuesAt = align8(offsetsAt + 4 * offsets.length);
    // A buffer of its own (not a slice of Node's pool), so that its typed-array views line up.
    const out = Buffer.from(new ArrayBuffer(valuesAt + 8 * total));
    out.write(MAGIC, 0, 'latin1');
    out.writeUInt32LE(keys.length, 8);
    out.writeUInt32LE(keyBytes.length, 12);
    keyBytes.copy(out, 16);
    // In the machine's byte order, as decode reads them (through typed arrays); whole arrays at a
    // time: number by number, 16,000 shaped words took ~60 ms to write.
    new Uint32Array(out.buffer, offsetsAt, offsets.length).set(offsets);
    const values = new Float64Array(out.buffer, valuesAt, total);
    let at = 0;
    for (const [k, v] of entries) {
      if (k.includes(SEPARATOR)) continue;
      values.set(v, at);
      at += v.length;
    }
    return out;
  },
  decode(bytes) {
    if (bytes.length < 16 || bytes.toString('latin1', 0, 8) !== MAGIC) throw new Error('not a numbers cache');
    const count = bytes.readUInt32LE(8);
    const keyLength = bytes.readUInt32LE(12);
    const offsetsAt = align8(16 + keyLength);
    const valuesAt = align8(offsetsAt + 4 * (count + 1));
    if (valuesAt > bytes.length) throw new Error('truncated numbers cache');
    // The file's own memory when it starts on an 8-byte boundary (a file read whole does), else a copy.
    const [buffer, base] = bytes.byteOffset % 8 === 0 ? [bytes.buffer, bytes.byteOffset] : [bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length), 0];
    const offsets = new Uint32Array(buffer, base + offsetsAt, count + 1);
    if (valuesAt + 8 * offsets[count]! !== bytes.length) throw new Error('truncated numbers cache');
    const values = new Float64Array(buffer, base + valuesAt, offsets[count]);
    const keys = count ? bytes.toString('utf8', 16, 16 + keyLength).split(SEPARATOR) : [];
    if (keys.length !== count) throw new Error('damaged numbers cache');
    const index = new Map<string, number>();
    for (let i = 0; i < count; i++) index.set(keys[i]!, i);
    return {
      size: index.size,
      get(key) {
        const i = index.get(key);
        return i === undefined ? undefined : values.subarray(offsets[i]!, offsets[i + 1]!);
      },
      keys: () => index.keys(),
    };
  },
};

const align8 = (n: number) => Math.ceil(n / 8) * 8;
