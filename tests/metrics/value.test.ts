import { describe, expect, it } from 'vitest';
import { div, mean, percent, sum, variation } from '../../src/metrics/value.js';

describe('markers propagate through every operation', () => {
  it('S/I wins over N/A', () => {
    expect(sum([1, 'N/A', 'S/I'])).toBe('S/I');
    expect(div('N/A', 'S/I')).toBe('S/I');
    expect(percent('S/I', 'N/A')).toBe('S/I');
    expect(mean(['N/A', 3])).toBe('N/A');
  });
  it('a zero denominator gives N/A', () => {
    expect(div(5, 0)).toBe('N/A');
    expect(percent(0, 0)).toBe('N/A');
    expect(variation(3, 0)).toBe('N/A');
  });
  it('a zero numerator is a real zero', () => {
    expect(percent(0, 5000)).toBe(0);
  });
  it('computes with numbers', () => {
    expect(sum([1.5, 2.5])).toBe(4);
    expect(variation(150, 100)).toBeCloseTo(50, 10);
  });
});
