import { describe, expect, it } from 'vitest';
import Graph from 'graphology';
import pagerankGraphology from 'graphology-metrics/centrality/pagerank.js';
import { createCsr } from '../../src/analysis/csr';
import { betweennessAndCloseness, computeCentralities, eigenvector, pagerank } from '../../src/analysis/centrality';
import { detectCommunities } from '../../src/analysis/communities';
import { caviarCsr } from '../helpers';
import { createRng } from '../../src/lib/rng';

const path = createCsr(
  ['a', 'b', 'c', 'd'],
  [
    ['a', 'b', 1],
    ['b', 'c', 1],
    ['c', 'd', 1],
  ],
);

const caviar = caviarCsr;

describe('#betweennessAndCloseness', () => {
  it('should count pairs through each node on a path', () => {
    for (const unweighted of [true, false]) {
      const { betweenness, closeness } = betweennessAndCloseness(path, {
        exactLimit: 10,
        samples: 10,
        seed: 1,
        unweighted,
      });
      expect([...betweenness]).toEqual([0, 2, 2, 0]);
      expect(closeness[1]).toBeCloseTo((1 + 1 + 0.5) / 3);
    }
  });
  it('should prefer strong ties when distance is 1/strength', () => {
    // a-b-d strong, a-c-d weak: b carries the a–d path.
    const g = createCsr(
      ['a', 'b', 'c', 'd'],
      [
        ['a', 'b', 10],
        ['b', 'd', 10],
        ['a', 'c', 1],
        ['c', 'd', 1],
      ],
    );
    const { betweenness } = betweennessAndCloseness(g, { exactLimit: 10, samples: 10, seed: 1, unweighted: false });
    expect(betweenness[1]).toBe(1);
    expect(betweenness[2]).toBe(0);
  });
  it('should split shortest paths evenly on a tie', () => {
    const square = createCsr(
      ['a', 'b', 'c', 'd'],
      [
        ['a', 'b', 1],
        ['b', 'd', 1],
        ['a', 'c', 1],
        ['c', 'd', 1],
      ],
    );
    const { betweenness } = betweennessAndCloseness(square, {
      exactLimit: 10,
      samples: 10,
      seed: 1,
      unweighted: false,
    });
    expect([...betweenness]).toEqual([0.5, 0.5, 0.5, 0.5]);
  });
  it('should match networkx on the CAVIAR network (unweighted, normalised)', () => {
    const g = caviar();
    const { betweenness } = betweennessAndCloseness(g, { exactLimit: 1000, samples: 10, seed: 1, unweighted: true });
    // REFERENCE_RESULTS.md: n1 .637, n12 .292, n87 .119, n76 .115, n3 .105 on the 110-node matrix.
    const n = 110;
    const norm = (id: string) => (betweenness[g.index.get(id)!]! * 2) / ((n - 1) * (n - 2));
    expect(norm('n1')).toBeCloseTo(0.637, 3);
    expect(norm('n12')).toBeCloseTo(0.292, 3);
    expect(norm('n87')).toBeCloseTo(0.119, 3);
    expect(norm('n3')).toBeCloseTo(0.105, 3);
  });
  it('should estimate from sampled sources above the exact limit', () => {
    const g = caviar();
    const exact = betweennessAndCloseness(g, { exactLimit: 1000, samples: 10, seed: 1, unweighted: true });
    const sampled = betweennessAndCloseness(g, { exactLimit: 10, samples: 60, seed: 3, unweighted: true });
    expect(sampled.sampled).toBe(true);
    expect(sampled.sources).toBe(60);
    const top = (b: Float64Array) => [...b.keys()].sort((x, y) => b[y]! - b[x]!)[0];
    expect(top(sampled.betweenness)).toBe(top(exact.betweenness));
  });
  it('should sample fewer sources, never under 50, when the graph is too large for the work budget', () => {
    const g = caviar();
    const arcs = g.targets.length;
    const options = { exactLimit: 10, samples: 100, seed: 3, unweighted: true };
    expect(betweennessAndCloseness(g, { ...options, sampleWork: arcs * 80 }).sources).toBe(80);
    expect(betweennessAndCloseness(g, { ...options, sampleWork: arcs * 10 }).sources).toBe(50);
    expect(betweennessAndCloseness(g, { ...options, sampleWork: arcs * 1000 }).sources).toBe(100);
  });
  it('should handle an empty graph', () => {
    const empty = createCsr([], []);
    expect(computeCentralities(empty).betweenness).toHaveLength(0);
  });
});

/** The PageRank fixed point x = (1 − d)/n + d·dangling/n + d · Σ_j w_ij / s_j · x_j, by plain iteration run far past
 * any stopping rule: the reference the kernel is held to. */
function fixedPoint(rows: { offsets: Int32Array; targets: Int32Array; weights: Float64Array }, d: number): number[] {
  const n = rows.offsets.length - 1;
  const s = Array.from({ length: n }, (_, i) => {
    let t = 0;
    for (let k = rows.offsets[i]!; k < rows.offsets[i + 1]!; k++) t += rows.weights[k]!;
    return t;
  });
  let x = new Array<number>(n).fill(1 / n);
  for (let iter = 0; iter < 5000; iter++) {
    const dangling = x.reduce((t, v, i) => (s[i] === 0 ? t + v : t), 0);
    x = x.map((_, i) => {
      let sum = 0;
      for (let k = rows.offsets[i]!; k < rows.offsets[i + 1]!; k++)
        sum += (rows.weights[k]! / s[rows.targets[k]!]!) * x[rows.targets[k]!]!;
      return (1 - d) / n + (d * dangling) / n + d * sum;
    });
  }
  return x;
}

describe('#pagerank and #eigenvector', () => {
  it('should agree with graphology-metrics run to convergence', () => {
    const g = caviar();
    const graph = new Graph({ type: 'undirected' });
    g.ids.forEach((id) => graph.addNode(id));
    for (let i = 0; i < g.ids.length; i++)
      for (let k = g.offsets[i]!; k < g.offsets[i + 1]!; k++)
        if (g.targets[k]! > i) graph.addEdge(g.ids[i], g.ids[g.targets[k]!], { w: g.weights[k] });
    const reference = pagerankGraphology(graph, { getEdgeWeight: 'w', tolerance: 1e-12, maxIterations: 10000 });
    const ours = pagerank(g);
    for (const id of ['n1', 'n3', 'n12', 'n87']) expect(ours[g.index.get(id)!]).toBeCloseTo(reference[id]!, 6);
    expect(ours.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
  });
  it('should reach the PageRank fixed point to 1e-13, with isolated entities and uneven weights', () => {
    // Two triangles joined by a heavy tie, a pendant, and two entities with no ties at all.
    const ids = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'lone1', 'lone2'];
    const pairs: [string, string, number][] = [
      ['a', 'b', 1],
      ['b', 'c', 2],
      ['a', 'c', 3],
      ['d', 'e', 1],
      ['e', 'f', 1],
      ['d', 'f', 5],
      ['c', 'd', 40],
      ['f', 'g', 0.5],
    ];
    const g = createCsr(ids, pairs);
    const d = 0.85;
    const n = ids.length;
    const x = fixedPoint(g, d);
    const ours = pagerank(g, d);
    for (let i = 0; i < n; i++) expect(Math.abs(ours[i]! - x[i]!)).toBeLessThan(1e-13);
    expect(ours[g.index.get('lone1')!]).toBe(ours[g.index.get('lone2')!]);
    expect(ours[g.index.get('c')!]).toBeGreaterThan(ours[g.index.get('g')!]!);
    expect(Array.from(pagerank(createCsr(['x', 'y'], [])))).toEqual([0.5, 0.5]);
  });
  it('should reach the fixed point where rows hold ties of an entity to itself, and on a larger random graph', () => {
    // csrFromPairs leaves ties to oneself out, but the kernel takes any symmetric rows: 0 holds a heavy one, 2 a
    // light one, and 3 has nothing else (its rank then stays where the loop keeps it).
    const loops = {
      offsets: Int32Array.from([0, 3, 5, 8, 9]),
      targets: Int32Array.from([0, 1, 2, 0, 2, 0, 1, 2, 3]),
      weights: Float64Array.from([5, 1, 2, 1, 3, 2, 3, 0.5, 4]),
    };
    const expected = fixedPoint(loops, 0.85);
    const ours = pagerank(loops, 0.85);
    for (let i = 0; i < 4; i++) expect(Math.abs(ours[i]! - expected[i]!)).toBeLessThan(1e-13);
    // A random graph of 300 entities, 1,200 ties of uneven weight, in an order with no structure.
    const rng = createRng(7);
    const ids = Array.from({ length: 300 }, (_, i) => `n${i}`);
    const pairs: [string, string, number][] = [];
    for (let e = 0; e < 1200; e++) {
      const a = Math.floor(rng() * 300);
      const b = Math.floor(rng() * 300);
      if (a !== b) pairs.push([ids[a]!, ids[b]!, 0.1 + rng() * 10]);
    }
    const g = createCsr(ids, pairs);
    const reference = fixedPoint(g, 0.85);
    const ranks = pagerank(g, 0.85);
    for (let i = 0; i < 300; i++) expect(Math.abs(ranks[i]! - reference[i]!)).toBeLessThan(1e-13);
  });
  it('should give the hub of a star the top eigenvector score', () => {
    const star = createCsr(
      ['h', 'a', 'b', 'c'],
      [
        ['h', 'a', 1],
        ['h', 'b', 1],
        ['h', 'c', 1],
      ],
    );
    const e = eigenvector(star);
    expect(e[0]).toBe(1);
    expect(e[1]).toBeCloseTo(e[2]!, 9);
    expect(e[1]!).toBeLessThan(1);
  });
  it('should refuse a damping factor outside (0, 1)', () => {
    expect(() => computeCentralities(path, { damping: 1.5 })).toThrow(/centrality: damping/);
  });
});

describe('#detectCommunities', () => {
  it('should find two cliques joined by a bridge, the same way for the same seed', () => {
    const pairs: [string, string, number][] = [];
    for (const group of [
      ['a', 'b', 'c', 'd'],
      ['w', 'x', 'y', 'z'],
    ])
      for (let i = 0; i < 4; i++) for (let j = i + 1; j < 4; j++) pairs.push([group[i]!, group[j]!, 5]);
    pairs.push(['d', 'w', 1]);
    const g = createCsr(['a', 'b', 'c', 'd', 'w', 'x', 'y', 'z'], pairs);
    const first = detectCommunities(g, { seed: 4 });
    expect(first.count).toBe(2);
    expect(new Set([...first.membership.slice(0, 4)]).size).toBe(1);
    expect(first.membership[0]).not.toBe(first.membership[4]);
    expect(first.modularity).toBeGreaterThan(0.4);
    expect([...detectCommunities(g, { seed: 4 }).membership]).toEqual([...first.membership]);
    expect(() => detectCommunities(g, { resolution: 0 })).toThrow(/communities: resolution/);
  });
});
