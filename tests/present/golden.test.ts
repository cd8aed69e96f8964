import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { present } from '../../src/present/view.js';
import { fichaOf, FIXTURES, fixture } from '../helpers.js';

/**
 * Golden view models: every printed string of each example, reviewed with `git diff` when it
 * changes. Regenerate deliberately with UPDATE_GOLDEN=1 npx vitest run tests/present/golden.test.ts
 * (which then fails on purpose), review the diff against INPUT.md, and run the tests again.
 */
const EXAMPLES = ['redes-oportunidades-negocios-2022', 'pavimentacion-participativa-2025', 'promocion-talentos-2024', 'inversion-en-la-comunidad-2025', 'lenguas-indigenas-2025'];

describe.each(EXAMPLES)('%s view model', (name) => {
  it('matches its golden file', () => {
    const view = present(fichaOf(fixture(`${name}.yaml`))).view;
    const path = join(FIXTURES, 'golden', `${name}.view.json`);
    const text = `${JSON.stringify(view, null, 2)}\n`;
    if (process.env.UPDATE_GOLDEN === '1') {
      // Writing is not passing: the new file is reviewed with `git diff` before it is committed.
      writeFileSync(path, text);
      expect.fail(`${path} written: review it with git diff, then run the tests without UPDATE_GOLDEN`);
    }
    expect(existsSync(path), `missing golden file ${path}`).toBe(true);
    expect(text).toBe(readFileSync(path, 'utf8'));
  });
});
