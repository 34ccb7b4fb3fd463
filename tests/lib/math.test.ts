import { describe, expect, it } from 'vitest';
import { maxOf, minOf } from '../../src/lib/math';

describe('#maxOf and #minOf', () => {
  it('should take the extremes of a million numbers, where Math.max(...values) overflows the stack', () => {
    const values = Float64Array.from({ length: 1_000_000 }, (_, i) => Math.sin(i) * i);
    expect(() => Math.max(...values)).toThrow(RangeError);
    let max = -Infinity;
    let min = Infinity;
    for (const v of values) {
      if (v > max) max = v;
      if (v < min) min = v;
    }
    expect(maxOf(values)).toBe(max);
    expect(minOf(values)).toBe(min);
  });
  it('should return the floor or ceiling for no values, and respect them', () => {
    expect(maxOf([], 0)).toBe(0);
    expect(minOf([], 5)).toBe(5);
    expect(maxOf([-3, -1], 0)).toBe(0);
    expect(
      maxOf(
        new Map([
          [4, 1],
          [9, 2],
        ]).keys(),
      ),
    ).toBe(9);
  });
});
