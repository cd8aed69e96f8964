import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

/** The installed `ficha` command (bin/ficha.js, which runs the build in dist/). */
export const BIN = resolve(import.meta.dirname, '../../bin/ficha.js');

/** Runs `ficha …` as a person would, in a new process: exit status, standard output and error. */
export function run(...args: string[]): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
