import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countingSort, identity, resized, zeros } from '../../src/lib/typed';

describe('#zeros', () => {
  it('should give a zero-filled column of the length asked, on shared memory when large', () => {
    const small = zeros(Float64Array, 10);
    expect(small).toBeInstanceOf(Float64Array);
    expect([...small]).toEqual(new Array(10).fill(0));
    expect(small.buffer).toBeInstanceOf(ArrayBuffer);
    // Node has SharedArrayBuffer: a large column sits on it, outside what V8 counts as external memory.
    const large = zeros(Int32Array, 1 << 20);
    expect(large.length).toBe(1 << 20);
    expect(large.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(large.every((v) => v === 0)).toBe(true);
    large[5] = -7;
    expect(large[5]).toBe(-7);
    expect(zeros(Uint8Array, 0).length).toBe(0);
  });
});

describe('#resized', () => {
  it('should cut or pad a column with zeros, keeping its type and its values', () => {
    const column = Float64Array.from([1.5, -2, 3]);
    expect([...resized(column, 5)]).toEqual([1.5, -2, 3, 0, 0]);
    expect([...resized(column, 2)]).toEqual([1.5, -2]);
    expect(resized(Int32Array.from([4]), 1 << 20)).toBeInstanceOf(Int32Array);
    expect(resized(column, 3)).not.toBe(column);
  });
});

describe('#countingSort', () => {
  it('should sort items by small whole-number keys, stably, as a comparison sort would', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 9 }), { maxLength: 200 }), (keys) => {
        const items = identity(keys.length);
        const sorted = [...countingSort(items, keys, 10)];
        const expected = [...items].sort((a, b) => keys[a]! - keys[b]! || a - b);
        return sorted.length === expected.length && sorted.every((v, i) => v === expected[i]);
      }),
    );
  });
});
