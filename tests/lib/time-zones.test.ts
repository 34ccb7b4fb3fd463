import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoUtc } from '../../src/lib/time-zones';

describe('#isoUtc', () => {
  it('should write any instant exactly as toISOString does', () => {
    const edges = [
      0,
      -1,
      Date.UTC(1000, 0, 1),
      Date.UTC(1000, 0, 1) - 1,
      Date.UTC(9999, 11, 31, 23, 59, 59, 999),
      Date.UTC(10_000, 0, 1),
      Date.UTC(2000, 1, 29, 12),
      Date.UTC(1900, 1, 28, 23, 59, 59, 999),
      Date.UTC(2100, 2, 1),
      Date.UTC(2024, 11, 31, 23, 59, 59, 5),
      1.5,
      -8.64e15,
      8.64e15,
    ];
    for (const ms of edges) expect(isoUtc(ms)).toBe(new Date(ms).toISOString());
    fc.assert(
      fc.property(fc.integer({ min: -8.64e15, max: 8.64e15 }), (ms) => isoUtc(ms) === new Date(ms).toISOString()),
      { numRuns: 20_000 },
    );
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1899, 0, 1), max: Date.UTC(2101, 0, 1) }),
        (ms) => isoUtc(ms) === new Date(ms).toISOString(),
      ),
      { numRuns: 20_000 },
    );
  });
});
