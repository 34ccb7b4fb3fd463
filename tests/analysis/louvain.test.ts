// The typed-array Louvain against graphology-communities-louvain (the reference implementation) and against
// an exact modularity computed by hand, on planted partitions and a real network.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import Graph from 'graphology';
import louvainGraphology from 'graphology-communities-louvain';
import { createCsr, type Csr } from '../../src/analysis/csr';
import { louvainCsr, modularity } from '../../src/analysis/louvain';
import { createRng } from '../../src/lib/rng';

function toGraphology(csr: Csr) {
  const g = new Graph({ type: 'undirected' });
  csr.ids.forEach((id) => g.addNode(id));
  for (let i = 0; i < csr.ids.length; i++)
    for (let k = csr.offsets[i]!; k < csr.offsets[i + 1]!; k++)
      if (csr.targets[k]! > i) g.addEdge(csr.ids[i], csr.ids[csr.targets[k]!], { weight: csr.weights[k] });
  return g;
}

/** `groups` groups of `size`, dense inside (p = 0.5) and sparse across (p = 0.01), seeded. */
function planted(groups: number, size: number, seed: number): Csr {
  const rng = createRng(seed);
  const ids = Array.from({ length: groups * size }, (_, i) => `n${i}`);
  const pairs: [string, string, number][] = [];
  for (let i = 0; i < ids.length; i++)
    for (let j = i + 1; j < ids.length; j++) {
      const same = Math.floor(i / size) === Math.floor(j / size);
      if (rng() < (same ? 0.5 : 0.01)) pairs.push([ids[i]!, ids[j]!, 1 + Math.floor(rng() * 5)]);
    }
  return createCsr(ids, pairs);
}

function caviar(): Csr {
  const pairs = readFileSync(new URL('../fixtures/caviar/complete_network_undirected.csv', import.meta.url), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(','))
    .map(([a, b, w]) => [`n${a}`, `n${b}`, Number(w)] as [string, string, number]);
  return createCsr([...new Set(pairs.flatMap(([a, b]) => [a, b]))].sort(), pairs);
}

describe('#louvainCsr', () => {
  it('should recover planted groups exactly', () => {
    const g = planted(6, 30, 2);
    const { membership, count } = louvainCsr(g, 1, 1);
    expect(count).toBe(6);
    for (let group = 0; group < 6; group++)
      expect(new Set(membership.slice(group * 30, group * 30 + 30)).size, `group ${group}`).toBe(1);
  });

  it('should report the modularity of the partition it returns', () => {
    const g = planted(5, 20, 9);
    const r = louvainCsr(g, 1, 3);
    expect(r.modularity).toBeCloseTo(modularity(g, r.membership, r.count), 12);
    expect(r.modularity).toBeCloseTo(
      louvainGraphology.detailed(toGraphology(g), { getEdgeWeight: 'weight', rng: createRng(3) }).modularity,
      2,
    );
  });

  it('should reach the reference implementation’s modularity on CAVIAR, at every resolution', () => {
    const g = caviar();
    for (const resolution of [0.5, 1, 2]) {
      const ours = louvainCsr(g, resolution, 1).modularity;
      const reference = louvainGraphology.detailed(toGraphology(g), {
        getEdgeWeight: 'weight',
        resolution,
        rng: createRng(1),
      }).modularity;
      expect(ours, `resolution ${resolution}`).toBeGreaterThan(reference - 0.01);
    }
  });

  it('should repeat for the same seed and handle graphs without ties', () => {
    const g = caviar();
    expect([...louvainCsr(g, 1, 5).membership]).toEqual([...louvainCsr(g, 1, 5).membership]);
    const empty = createCsr(['a', 'b'], []);
    expect(louvainCsr(empty)).toEqual({ membership: Int32Array.from([0, 1]), count: 2, modularity: 0 });
  });

  it('should never return a partition worse than every node alone, on any graph', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(fc.integer({ min: 0, max: 19 }), fc.integer({ min: 0, max: 19 }), fc.integer({ min: 1, max: 9 })),
          {
            maxLength: 80,
          },
        ),
        fc.integer({ min: 0, max: 1000 }),
        (edges, seed) => {
          const ids = Array.from({ length: 20 }, (_, i) => `n${i}`);
          const g = createCsr(
            ids,
            edges.map(([a, b, w]) => [`n${a}`, `n${b}`, w]),
          );
          const r = louvainCsr(g, 1, seed);
          const singletons = modularity(g, Int32Array.from(ids.keys()), ids.length);
          expect(r.modularity).toBeGreaterThanOrEqual(singletons - 1e-12);
          expect(r.modularity).toBeCloseTo(modularity(g, r.membership, r.count), 12);
          expect(Math.max(...r.membership)).toBe(r.count - 1);
        },
      ),
      { numRuns: 300 },
    );
  });
});
