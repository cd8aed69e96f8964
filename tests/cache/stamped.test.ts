import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildIdentity } from '../../src/cache/buildIdentity.js';
import { numbersCodec } from '../../src/cache/codecs.js';
import { DiskCache } from '../../src/cache/diskCache.js';
import { checkStamp, HEADER_BYTES, readStamped, stamp, writeStamped } from '../../src/cache/stamped.js';

const fresh = () => mkdtempSync(join(tmpdir(), 'ficha-stamped-'));

describe('stamped cache files', () => {
  afterEach(() => vi.restoreAllMocks());

  it('read back exactly what was written, by the same build', () => {
    const dir = fresh();
    const file = writeStamped(dir, 'x.bin', Buffer.from('contenido: 3.600 y 2023'));
    expect(readFileSync(file).length).toBe(HEADER_BYTES + 23);
    expect(readStamped(file)?.toString()).toBe('contenido: 3.600 y 2023');
    expect(buildIdentity()).toMatch(/^[0-9a-f]{64}$/);
    expect(buildIdentity()).toBe(buildIdentity());
  });

  it('a single flipped bit anywhere in the file, header or contents, is never trusted', () => {
    const good = stamp(Buffer.from('{"ejecucion":[3600,2023,175]}'));
    for (let at = 0; at < good.length; at++) {
      for (const bit of [0x01, 0x80]) {
        const bad = Buffer.from(good);
        bad[at] = bad[at]! ^ bit;
        expect(checkStamp(bad), `byte ${at}, bit ${bit}`).toHaveProperty('problem');
      }
    }
  });

  it('a file cut at any length is never trusted', () => {
    const good = stamp(Buffer.from('widths'));
    for (let length = 0; length < good.length; length++) expect(checkStamp(good.subarray(0, length)), `${length} bytes`).toEqual({ problem: 'danado' });
  });

  it('a damaged file is deleted with one line on stderr for the whole process; another build’s, silently', () => {
    const dir = fresh();
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const other = join(dir, 'otra.json');
    writeFileSync(other, stamp(Buffer.from('{}'), 'c'.repeat(64)));
    expect(checkStamp(readFileSync(other))).toEqual({ problem: 'otra-compilacion' });
    expect(readStamped(other)).toBeUndefined();
    expect(existsSync(other)).toBe(false);
    expect(err).not.toHaveBeenCalled();
    for (const name of ['a.json', 'b.json']) {
      const f = writeStamped(dir, name, Buffer.from('{"a":1}'));
      const bytes = readFileSync(f);
      bytes[bytes.length - 2] = bytes[bytes.length - 2]! ^ 0x04;
      writeFileSync(f, bytes);
      expect(readStamped(f)).toBeUndefined();
      expect(existsSync(f)).toBe(false);
    }
    // One line at most per process (the first damaged file may have been reported by another test).
    expect(err.mock.calls.length).toBeLessThanOrEqual(1);
    for (const [line] of err.mock.calls) expect(String(line)).toMatch(/^ficha: aviso: la caché a\.json estaba dañada; se descartó y se vuelve a calcular/);
  });

  it('a DiskCache starts empty from a damaged or foreign file of either codec, and writes it anew', () => {
    const dir = fresh();
    const words = new DiskCache<ArrayLike<number>>('palabras', 10, dir, numbersCodec);
    words.set('Gastos', [1, 2, 3]);
    words.flush();
    const file = join(dir, 'palabras.bin');
    for (const damage of [(b: Buffer) => b.subarray(0, b.length - 8), (b: Buffer) => stamp(b.subarray(HEADER_BYTES), 'd'.repeat(64))]) {
      writeFileSync(file, damage(readFileSync(file)));
      const again = new DiskCache<ArrayLike<number>>('palabras', 10, dir, numbersCodec);
      expect(again.get('Gastos')).toBeUndefined();
      expect(existsSync(file)).toBe(false);
      again.set('Gastos', [1, 2, 4]);
      again.flush();
      expect(Array.from(new DiskCache<ArrayLike<number>>('palabras', 10, dir, numbersCodec).get('Gastos')!)).toEqual([1, 2, 4]);
    }
  });
});
