import { chmodSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AttachmentTooLarge, extractAttachment } from '../../src/output/attachment.js';
import { writeAtomic } from '../../src/output/write.js';
import { renderFicha } from '../../src/pipeline/pipeline.js';
import { REFERENCE_YAML } from '../helpers.js';

describe('writeAtomic', () => {
  it('replaces a file whole and leaves no temporary file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ficha-out-'));
    writeFileSync(join(dir, 'a.pdf'), 'viejo');
    writeAtomic(dir, 'a.pdf', 'nuevo');
    expect(readFileSync(join(dir, 'a.pdf'), 'utf8')).toBe('nuevo');
    expect(readdirSync(dir)).toEqual(['a.pdf']);
  });
  it.runIf(process.getuid?.() !== 0)('on failure leaves the old file and no temporary file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ficha-out-'));
    writeFileSync(join(dir, 'a.pdf'), 'viejo');
    chmodSync(dir, 0o500);
    try {
      expect(() => writeAtomic(dir, 'a.pdf', 'nuevo')).toThrow();
    } finally {
      chmodSync(dir, 0o700);
    }
    expect(readFileSync(join(dir, 'a.pdf'), 'utf8')).toBe('viejo');
    expect(readdirSync(dir)).toEqual(['a.pdf']);
  });
  it('writes private files readable only by their owner', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ficha-out-'));
    const f = writeAtomic(join(dir, 'sub'), 'x.json', '{}', { private: true });
    expect((statSync(f).mode & 0o777).toString(8)).toBe('600');
  });
});

describe('extractAttachment', () => {
  it('gives back the input attached to a rendered ficha, byte for byte, and refuses one over the limit', async () => {
    const r = await renderFicha('r.yaml', REFERENCE_YAML, { charts: false });
    const found = await extractAttachment(r.pdf!);
    expect(found?.name).toBe('redes-oportunidades-negocios-2022.yaml');
    expect(Buffer.from(found!.content).toString('utf8')).toBe(REFERENCE_YAML);
    await expect(extractAttachment(r.pdf!, 100)).rejects.toBeInstanceOf(AttachmentTooLarge);
  });
});
