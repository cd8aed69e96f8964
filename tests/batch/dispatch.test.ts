import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Tinypool } from 'tinypool';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../src/batch/dispatch.js';
import type { RenderOutcome } from '../../src/batch/renderOne.js';
import render from '../../src/batch/worker.js';
import { FIXTURES } from '../helpers.js';

describe('dispatch with worker threads', () => {
  it('asks whether to stop with each outcome as it comes back, before the next ficha starts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ficha-dispatch-'));
    const files = Array.from({ length: 16 }, (_, i) => join(dir, `f${String(i).padStart(2, '0')}.yaml`));
    for (const f of files) writeFileSync(f, 'formato: 2\n');
    const outcomes: RenderOutcome[] = [];
    // Every input fails: the first outcome back stops dispatching, so only the two fichas the two
    // workers were given ever run.
    const failed = (o: RenderOutcome) => o.diagnostics.some((d) => d.severity === 'error');
    await dispatch(files.map((file) => ({ file, charts: false })), { jobs: 2, stopped: (last) => outcomes.some(failed) || (last !== undefined && failed(last)) }, (o) => outcomes.push(o));
    expect(outcomes.map((o) => o.file).sort()).toEqual(files.slice(0, 2));
    expect(outcomes.every(failed)).toBe(true);
  }, 30_000);
});

describe('the batch worker', () => {
  it('moves the PDF to the main thread instead of copying it', async () => {
    const moved = (await render({ file: join(FIXTURES, 'promocion-talentos-2024.yaml'), charts: false })) as unknown as Record<symbol, unknown>;
    const outcome = moved[Tinypool.valueSymbol] as RenderOutcome;
    expect(Buffer.from(outcome.pdf!.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    expect(moved[Tinypool.transferableSymbol]).toEqual([outcome.pdf!.buffer]);
    expect(outcome.pdf!.byteLength).toBe(outcome.pdf!.buffer.byteLength);
    // An outcome without a PDF has nothing to move.
    const failed = (await render({ file: join(FIXTURES, 'no-such-file.yaml') })) as RenderOutcome;
    expect(failed.pdf).toBeUndefined();
    expect(failed.diagnostics[0]!.message).toMatch(/no se pudo leer/);
  });
});
