import { describe, expect, it } from 'vitest';
import { byValueDescending } from '../../src/lib/maps';

describe('#byValueDescending', () => {
  it('should order ids from the highest value down, equal values by id, reading each value once', () => {
    const values: Record<string, number> = { c: 2, a: 2, d: 5, b: -1, e: 0 };
    const reads: string[] = [];
    const order = byValueDescending(['c', 'a', 'd', 'b', 'e'], (id) => (reads.push(id), values[id]!));
    expect(order).toEqual(['d', 'a', 'c', 'e', 'b']);
    expect(reads.sort()).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(byValueDescending([], () => 0)).toEqual([]);
  });
});
