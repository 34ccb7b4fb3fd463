import { describe, expect, it } from 'vitest';
import { maxOf } from '../../src/lib/math';

describe('#maxOf', () => {
  it('should take the largest of a million numbers, where Math.max(...values) overflows the stack', () => {
    const values = Float64Array.from({ length: 1_000_000 }, (_, i) => Math.sin(i) * i);
    expect(() => Math.max(...values)).toThrow(RangeError);
    let max = -Infinity;
    for (const v of values) {
      if (v > max) max = v;
    }
    expect(maxOf(values)).toBe(max);
  });
  it('should return the floor for no values, and respect it', () => {
    expect(maxOf([], 0)).toBe(0);
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
