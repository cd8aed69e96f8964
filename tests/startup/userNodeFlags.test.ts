import { afterEach, describe, expect, it } from 'vitest';
import { userChoseNodeFlag } from '../../src/startup/userNodeFlags.js';

describe('userChoseNodeFlag', () => {
  const before = process.env.NODE_OPTIONS;
  afterEach(() => {
    if (before === undefined) delete process.env.NODE_OPTIONS;
    else process.env.NODE_OPTIONS = before;
  });

  it('sees a V8 flag given in NODE_OPTIONS, and only that one', () => {
    process.env.NODE_OPTIONS = '--max-old-space-size=512 --allocation-site-pretenuring';
    expect(userChoseNodeFlag(/allocation-site-pretenuring/)).toBe(true);
    expect(userChoseNodeFlag(/--interrupt-budget/)).toBe(false);
  });

  it('sees nothing when no flag was given', () => {
    delete process.env.NODE_OPTIONS;
    expect(userChoseNodeFlag(/allocation-site-pretenuring/)).toBe(false);
  });
});
