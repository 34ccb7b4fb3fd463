import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Arcs, createCsr, degreeOf } from '../../src/analysis/csr';

/**
 * The rows by the plain rule: each node's neighbours in ascending order, a pair added twice one tie whose weight
 * is the sum in the order the pairs were added, no tie from a node to itself.
 */
function rowsOf(n: number, pairs: [number, number, number][]): [number, number][][] {
  const rows = Array.from({ length: n }, () => new Map<number, number>());
  for (const [i, j, w] of pairs) {
    if (i === j) continue;
    rows[i]!.set(j, (rows[i]!.get(j) ?? 0) + w);
    rows[j]!.set(i, (rows[j]!.get(i) ?? 0) + w);
  }
  return rows.map((row) => [...row].sort((a, b) => a[0] - b[0]));
}

describe('Arcs.toCsr', () => {
  it('should merge a pair added twice and drop a tie to itself', () => {
    const g = createCsr(
      ['a', 'b', 'c'],
      [
        ['c', 'a', 1],
        ['a', 'b', 2],
        ['a', 'c', 0.5],
        ['b', 'b', 9],
        ['a', 'x', 4],
      ],
    );
    expect([...g.offsets]).toEqual([0, 2, 3, 4]);
    expect([...g.targets]).toEqual([1, 2, 0, 0]);
    expect([...g.weights]).toEqual([2, 1.5, 2, 1.5]);
    expect(degreeOf(g, 0)).toBe(2);
  });

  it('should give every node its neighbours in order, weights summed in the order added, for any pairs', () => {
    // Few nodes and many pairs make long rows out of order with a tie added three times and more (the order of
    // a sum of doubles shows), many nodes make short rows.
    fc.assert(
      fc.property(
        fc.oneof(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 7, max: 120 })),
        fc.array(
          fc.tuple(fc.nat(), fc.nat(), fc.oneof(fc.integer({ min: 1, max: 9 }), fc.double({ min: 0.001, max: 1e6 }))),
          { maxLength: 400, size: 'max' },
        ),
        fc.boolean(),
        (n, picks, hub) => {
          // With `hub`, node 0 ties to most others: a row longer than the insertion sort takes.
          const pairs = picks.map(
            ([a, b, w]) => [hub && a % 3 === 0 ? 0 : a % n, b % n, w] as [number, number, number],
          );
          const arcs = new Arcs(2);
          for (const [i, j, w] of pairs) arcs.add(i, j, w);
          const ids = Array.from({ length: n }, (_, i) => `n${i}`);
          const g = arcs.toCsr(ids, new Map(ids.map((id, i) => [id, i])));
          const rows = Array.from({ length: n }, (_, i) => {
            const row: [number, number][] = [];
            for (let k = g.offsets[i]!; k < g.offsets[i + 1]!; k++) row.push([g.targets[k]!, g.weights[k]!]);
            return row;
          });
          expect(rows).toEqual(rowsOf(n, pairs));
          expect(g.targets.length).toBe(g.offsets[n]);
          // Untrimmed (a graph read once): the same ties, as views the same length.
          const untrimmed = arcs.toCsr(ids, g.index, false);
          expect([...untrimmed.offsets]).toEqual([...g.offsets]);
          expect([...untrimmed.targets]).toEqual([...g.targets]);
          expect([...untrimmed.weights]).toEqual([...g.weights]);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
