import { describe, expect, it } from 'vitest';
import { jsonCodec, numbersCodec } from '../../src/cache/codecs.js';

describe('cache codecs', () => {
  it('numbers: round trip, keys with any text, values exact (float64)', () => {
    const entries = new Map<string, ArrayLike<number>>([
      ['Programa ', [1234.5, 56, 0, -1, 0.1 + 0.2]],
      ['O´Higgins,', [1e-7, 3, -0]],
      ['vacío', []],
      ['Ñuble', [Number.MAX_SAFE_INTEGER]],
    ]);
    const back = numbersCodec.decode(numbersCodec.encode(entries));
    expect([...back.keys()]).toEqual([...entries.keys()]);
    for (const [k, v] of entries) expect(Array.from(back.get(k)!)).toEqual(Array.from(v));
    expect(numbersCodec.decode(numbersCodec.encode(new Map())).size).toBe(0);
  });
  it('numbers: a truncated or foreign file is refused (the cache then starts empty)', () => {
    const bytes = numbersCodec.encode(new Map([['a', [1, 2, 3]]]));
    expect(() => numbersCodec.decode(bytes.subarray(0, bytes.length - 8))).toThrow();
    expect(() => numbersCodec.decode(Buffer.from('{"a":[1]}'))).toThrow();
  });
  it('json: an object per file, anything else refused', () => {
    expect(jsonCodec.decode(jsonCodec.encode(new Map([['k', 'código']]))).get('k')).toBe('código');
    expect(() => jsonCodec.decode(Buffer.from('[1,2]'))).toThrow();
  });
});

describe('numbers codec alignment', () => {
  it('reads a file that does not start on an 8-byte boundary of its memory', () => {
    const bytes = numbersCodec.encode(new Map([['x', [1.5, -2.25]], ['y', [3]]]));
    const shifted = Buffer.alloc(bytes.length + 3).subarray(3);
    bytes.copy(shifted);
    expect(Array.from(numbersCodec.decode(shifted).get('x')!)).toEqual([1.5, -2.25]);
    expect(Array.from(numbersCodec.decode(shifted).get('y')!)).toEqual([3]);
  });
});
