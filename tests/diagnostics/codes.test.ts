import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CODES } from '../../src/diagnostics/codes.js';

describe('diagnostic codes', () => {
  it('are all listed in the README, with their severity', () => {
    const readme = readFileSync(resolve(import.meta.dirname, '../../README.md'), 'utf8');
    for (const [code, { severity }] of Object.entries(CODES)) {
      expect(readme, code).toMatch(new RegExp(`\\| \`${code}\` \\| ${severity === 'error' ? 'error' : 'advertencia'} \\|`));
    }
  });
});
