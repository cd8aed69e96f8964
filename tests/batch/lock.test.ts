import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FolderBusy, lockFolder } from '../../src/batch/lock.js';
import { BIN } from '../cli/bin.js';
import { REFERENCE_YAML } from '../helpers.js';

/** `ficha render …` started now; resolves with its exit status and stderr when it ends. */
function start(...args: string[]) {
  const child = spawn(process.execPath, [BIN, 'render', ...args, '--quiet', '--no-charts'], { env: { ...process.env, NO_COLOR: '1' } });
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise<{ code: number | null; err: string }>((res) => child.on('close', (code) => res({ code, err })));
}

const until = async (ok: () => boolean) => {
  for (let i = 0; i < 400 && !ok(); i++) await new Promise((r) => setTimeout(r, 25));
};

function inputs(n: number) {
  const dir = mkdtempSync(join(tmpdir(), 'ficha-lock-'));
  for (let i = 0; i < n; i++) writeFileSync(join(dir, `p${i}.yaml`), REFERENCE_YAML.replace('id: redes-oportunidades-negocios', `id: programa-${i}`));
  return dir;
}

describe('one run at a time in an output folder', () => {
  it('two shards into one folder at once: the second says so and exits 2; with --wait both land in the manifest', async () => {
    const dir = inputs(12);
    const out = join(dir, 'salida');
    const first = start(dir, '--out', out, '--shard', '1/2', '--jobs', '1');
    await until(() => existsSync(join(out, '.ficha.lock')));
    const refused = await start(dir, '--out', out, '--shard', '2/2', '--jobs', '1');
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/otra ejecución está escribiendo en esta carpeta \(proceso \d+ .*\); espere a que termine, o use --wait/);
    expect((await first).code).toBe(0);

    const out2 = join(dir, 'salida-2');
    const a = start(dir, '--out', out2, '--shard', '1/2', '--jobs', '1');
    await until(() => existsSync(join(out2, '.ficha.lock')));
    const b = start(dir, '--out', out2, '--shard', '2/2', '--jobs', '1', '--wait');
    const [ra, rb] = await Promise.all([a, b]);
    expect([ra.code, rb.code], ra.err + rb.err).toEqual([0, 0]);
    const pdfs = readdirSync(out2).filter((f) => f.endsWith('.pdf'));
    const rows = (JSON.parse(readFileSync(join(out2, 'manifest.json'), 'utf8')) as { filas: { pdf: string }[] }).filas;
    expect(pdfs).toHaveLength(12);
    expect(rows.map((r) => r.pdf).sort()).toEqual(pdfs.sort());
    expect(existsSync(join(out2, '.ficha.lock'))).toBe(false);
  });

  it('a lock left by a run that died is taken over', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ficha-lock-'));
    // A process id that cannot be running: beyond the kernel's limit.
    writeFileSync(join(dir, '.ficha.lock'), JSON.stringify({ pid: 2 ** 30, host: (await import('node:os')).hostname(), desde: '2026-01-01T00:00:00Z' }));
    const release = await lockFolder(dir, false);
    await expect(lockFolder(dir, false)).rejects.toBeInstanceOf(FolderBusy);
    release();
    (await lockFolder(dir, false))();
  });
});
