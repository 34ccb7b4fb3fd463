import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyseCase } from '../../src/analysis/pipeline';
import { orderDescending, ranks } from '../../src/lib/math';
import { createSink, ingestBytes } from '../../src/ingest/ingest';
import { createRng } from '../../src/lib/rng';
import { sinkOf, TEST_OPTIONS } from '../helpers';

function fixture(path: string) {
  const sink = createSink();
  ingestBytes(path, readFileSync(new URL(`../fixtures/${path}`, import.meta.url)), sink, TEST_OPTIONS);
  return analyseCase(sink.records);
}

/** A small cell (boss, two lieutenants, four members) in a town of 150 people who all call one taxi firm once. */
function townWithTaxi() {
  const rng = createRng(5);
  const rows = ['caller,callee,start'];
  const num = (i: number) => `0113496${String(i).padStart(4, '0')}`;
  const t = () => new Date(Date.UTC(2024, 0, 1) + Math.floor(rng() * 90 * 86400000)).toISOString();
  const call = (a: number, b: number, n: number) => {
    for (let k = 0; k < n; k++) rows.push(k % 2 ? `${num(b)},${num(a)},${t()}` : `${num(a)},${num(b)},${t()}`);
  };
  const TAXI = 999;
  call(1, 2, 20); // boss - lieutenants
  call(1, 3, 20);
  for (const m of [4, 5]) call(2, m, 12);
  for (const m of [6, 7]) call(3, m, 12);
  call(4, 5, 5);
  call(6, 7, 5);
  for (let p = 100; p < 250; p++) {
    call(p, TAXI, 1);
    if (p % 10 !== 9) call(p, p + 1, 3); // friends
  }
  for (const m of [2, 4, 6]) call(m, TAXI, 1);
  return analyseCase(sinkOf({ 'cdr.csv': rows.join('\n') + '\n' }).records);
}

describe('#rankNodes', () => {
  it('should keep a taxi firm called by everyone out of the top, unlike a degree ranking', () => {
    const { analysis } = townWithTaxi();
    const taxi = 'tel:+441134960999';
    const byDegree = [...analysis.metrics.entries()].sort((a, b) => b[1].degree - a[1].degree)[0]![0];
    expect(byDegree).toBe(taxi);
    const top5 = analysis.ranking.slice(0, 5);
    expect(top5).toContain('tel:+441134960001');
    expect(top5).toContain('tel:+441134960002');
    expect(top5).toContain('tel:+441134960003');
    expect(analysis.ranking.indexOf(taxi)).toBeGreaterThan(6);
    expect(analysis.metrics.get(taxi)!.why).toMatch(
      /down-weighted \d+% as a likely service hub \(\d+% one-off contacts/,
    );
  });
  it('should explain each score in words', () => {
    const { analysis } = townWithTaxi();
    expect(analysis.metrics.get(analysis.ranking[0]!)!.why).toMatch(/bridges|tied closely|contact volume|paths/);
  });
});

describe('real networks', () => {
  it("should rank CAVIAR's n1, n3 and n12 in the top 5 (complete network as a generic edge list)", () => {
    const { analysis } = fixture('caviar/complete_network_undirected.csv');
    const top5 = analysis.ranking.slice(0, 5);
    for (const id of ['node:1', 'node:3', 'node:12']) expect(top5).toContain(id);
  });
  it('should rank Mohamed Atta first in the 9/11 associates network', () => {
    const { analysis } = fixture('krebs_911/edges_associates.csv');
    expect(analysis.ranking[0]).toBe('node:Mohamed Atta');
  });
});

describe('#ranks', () => {
  it('should place each value as sorting by value, highest first, ties in node order, would', () => {
    const value = fc.oneof(
      fc.constantFrom(0, -0, 1, 0.5, Infinity, -Infinity, Number.MIN_VALUE),
      fc.double({ noNaN: true }),
      fc.integer({ min: -3, max: 3 }),
    );
    fc.assert(
      fc.property(fc.array(value, { maxLength: 60 }), fc.boolean(), (list, withNaN) => {
        const values = Float64Array.from(withNaN && list.length ? [...list, NaN] : list);
        const order = Array.from(values.keys()).sort((a, b) => values[b]! - values[a]! || a - b);
        const expected = new Int32Array(values.length);
        order.forEach((node, i) => (expected[node] = i + 1));
        expect(ranks(values)).toEqual(expected);
      }),
      { numRuns: 2000 },
    );
  });
  it('should order nodes from the highest value down, equal values in node order', () => {
    expect(Array.from(orderDescending(Float64Array.from([2, 2, 5, -1, 0])))).toEqual([2, 0, 1, 4, 3]);
    expect(Array.from(ranks(Float64Array.from([2, 2, 5, -1, 0])))).toEqual([2, 3, 1, 5, 4]);
    expect(orderDescending(new Float64Array(0))).toHaveLength(0);
  });
});
