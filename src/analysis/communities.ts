// Communities: Louvain (Blondel et al. 2008) through graphology-communities-louvain, seeded so runs repeat,
// on the combined strength of the analysis graph. Community numbers are renumbered by size (0 = largest).
import Graph from 'graphology';
import louvain from 'graphology-communities-louvain';
import { appError } from '../lib/errors';
import { createRng } from '../lib/rng';
import type { Csr } from './csr';

export interface CommunityOptions {
  resolution: number;
  seed: number;
}

export const DEFAULT_COMMUNITY_OPTIONS: CommunityOptions = { resolution: 1, seed: 1 };

export interface Communities {
  /** Community of each CSR node. */
  membership: Int32Array;
  count: number;
  modularity: number;
}

export function detectCommunities(csr: Csr, options: Partial<CommunityOptions> = {}): Communities {
  const o = { ...DEFAULT_COMMUNITY_OPTIONS, ...options };
  if (!(o.resolution > 0)) throw appError('communities', `resolution is ${o.resolution}; expected a positive number`);
  const n = csr.ids.length;
  const graph = new Graph<Record<string, never>, { strength: number }>({ type: 'undirected', multi: false });
  for (let i = 0; i < n; i++) graph.addNode(String(i));
  for (let i = 0; i < n; i++) {
    for (let k = csr.offsets[i]!; k < csr.offsets[i + 1]!; k++) {
      const j = csr.targets[k]!;
      if (j > i) graph.addEdge(String(i), String(j), { strength: csr.weights[k]! });
    }
  }
  const membership = new Int32Array(n);
  if (graph.size === 0) {
    for (let i = 0; i < n; i++) membership[i] = i;
    return { membership, count: n, modularity: 0 };
  }
  const result = louvain.detailed(graph, {
    getEdgeWeight: 'strength',
    resolution: o.resolution,
    rng: createRng(o.seed),
  });
  // Renumber: largest community first, ties by the smallest node index in it.
  const groups = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const c = result.communities[String(i)]!;
    let g = groups.get(c);
    if (!g) groups.set(c, (g = []));
    g.push(i);
  }
  const ordered = [...groups.values()].sort((a, b) => b.length - a.length || a[0]! - b[0]!);
  ordered.forEach((members, c) => members.forEach((i) => (membership[i] = c)));
  return { membership, count: ordered.length, modularity: result.modularity };
}
