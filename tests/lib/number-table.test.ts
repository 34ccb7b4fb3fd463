import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NumberIndex, NumberTable } from '../../src/lib/number-table';

describe('#NumberTable', () => {
  it('answers as a Map would, through growth and clearing', () => {
    const op = fc.oneof(
      { weight: 10, arbitrary: fc.tuple(fc.constant('set' as const), fc.nat(3000), fc.string()) },
      // Keys far apart and keys above 2^32, whose high half must spread them too.
      {
        weight: 3,
        arbitrary: fc.tuple(fc.constant('set' as const), fc.constantFrom(2 ** 40, 2 ** 52 + 7, 64 * 1e13), fc.string()),
      },
      { weight: 10, arbitrary: fc.tuple(fc.constant('get' as const), fc.nat(3000), fc.constant('')) },
      { weight: 1, arbitrary: fc.tuple(fc.constant('clear' as const), fc.constant(0), fc.constant('')) },
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 3000 }), (ops) => {
        const table = new NumberTable<string>(4);
        const map = new Map<number, string>();
        for (const [kind, key, value] of ops) {
          if (kind === 'set') {
            table.set(key, value);
            map.set(key, value);
          } else if (kind === 'clear') {
            table.clear();
            map.clear();
          }
          expect(table.get(key)).toBe(map.get(key));
          expect(table.size).toBe(map.size);
        }
        for (const [key, value] of map) expect(table.get(key)).toBe(value);
      }),
      { numRuns: 200 },
    );
  });
  it('refuses keys it cannot hold exactly', () => {
    const table = new NumberTable<number>();
    expect(() => table.set(-1, 1)).toThrow(RangeError);
    expect(() => table.set(0.5, 1)).toThrow(RangeError);
    expect(() => table.set(2 ** 53, 1)).toThrow(RangeError);
    table.set(0, 7);
    expect(table.get(0)).toBe(7);
  });
});

describe('#NumberIndex', () => {
  it('answers as a Map would (-1 for no value), through growth, overwriting and clearing', () => {
    const key = fc.oneof(fc.nat(3000), fc.constantFrom(2 ** 40, 2 ** 52 + 7, 64 * 1e13));
    const op = fc.oneof(
      { weight: 10, arbitrary: fc.tuple(fc.constant('set' as const), key, fc.nat(2 ** 40)) },
      { weight: 10, arbitrary: fc.tuple(fc.constant('get' as const), key, fc.constant(0)) },
      { weight: 1, arbitrary: fc.tuple(fc.constant('clear' as const), fc.constant(0), fc.constant(0)) },
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 3000 }), (ops) => {
        const index = new NumberIndex(4);
        const map = new Map<number, number>();
        for (const [kind, k, value] of ops) {
          if (kind === 'set') {
            index.set(k, value);
            map.set(k, value);
          } else if (kind === 'clear') {
            index.clear();
            map.clear();
          }
          expect(index.get(k)).toBe(map.get(k) ?? -1);
          expect(index.size).toBe(map.size);
        }
        for (const [k, value] of map) expect(index.get(k)).toBe(value);
      }),
      { numRuns: 200 },
    );
  });
  it('refuses keys and values it cannot hold exactly', () => {
    const index = new NumberIndex();
    expect(() => index.set(-1, 1)).toThrow(RangeError);
    expect(() => index.set(2 ** 53, 1)).toThrow(RangeError);
    expect(() => index.set(1, -1)).toThrow(RangeError);
    expect(() => index.set(1, 0.5)).toThrow(RangeError);
    index.set(0, 0);
    expect(index.get(0)).toBe(0);
    expect(index.get(1)).toBe(-1);
  });
});
