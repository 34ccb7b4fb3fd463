// Louvain community detection (Blondel et al. 2008) on typed arrays: local moves of nodes to the neighbouring
// community with the best modularity gain, then aggregation of communities into nodes, until nothing moves.
// graphology-communities-louvain needs a graphology graph, whose construction alone costs more than the whole
// run here on a city-sized case (a million edges); this works on the CSR the other kernels use.
import { createRng, shuffle } from '../lib/rng';
import type { Csr } from './csr';
import { zeros } from '../lib/typed';

export interface LouvainResult {
  /** Community of each node, numbered in order of first appearance. */
  membership: Int32Array;
  count: number;
  modularity: number;
}

/** A weighted undirected graph in CSR form with self-loop weights (a community's internal ties, once aggregated). */
interface Level {
  n: number;
  offsets: Int32Array;
  targets: Int32Array;
  weights: Float64Array;
  /** Twice the weight of i's self-loop: the internal weight of what i stands for, counted both ways. */
  loops: Float64Array;
}

/** Modularity gain below which a pass counts as no improvement (as in the reference implementation). */
const MIN_GAIN = 1e-7;

export function louvainCsr(csr: Csr, resolution = 1, seed = 1): LouvainResult {
  const n0 = csr.ids.length;
  let level: Level = {
    n: n0,
    offsets: csr.offsets,
    targets: csr.targets,
    weights: csr.weights,
    loops: zeros(Float64Array, n0),
  };
  // Twice the total weight: Σ strengths.
  let m2 = 0;
  for (let k = 0; k < csr.weights.length; k++) m2 += csr.weights[k]!;
  const membership = zeros(Int32Array, n0);
  for (let i = 0; i < n0; i++) membership[i] = i;
  if (m2 === 0) return { membership, count: n0, modularity: 0 };
  const rng = createRng(seed);

  for (;;) {
    const { community, count, moved } = moveNodes(level, m2, resolution, rng);
    if (!moved) break;
    for (let i = 0; i < n0; i++) membership[i] = community[membership[i]!]!;
    level = aggregate(level, community, count);
  }
  const count = renumber(membership);
  return { membership, count, modularity: modularity(csr, membership, count, resolution) };
}

/** Q = Σ_c [ in_c / 2m − γ (tot_c / 2m)² ], with in_c the weight inside c counted both ways. */
export function modularity(csr: Csr, membership: Int32Array, count: number, resolution = 1): number {
  const inside = zeros(Float64Array, count);
  const total = zeros(Float64Array, count);
  let m2 = 0;
  for (let i = 0; i < csr.ids.length; i++) {
    const c = membership[i]!;
    for (let k = csr.offsets[i]!; k < csr.offsets[i + 1]!; k++) {
      const w = csr.weights[k]!;
      total[c]! += w;
      m2 += w;
      if (membership[csr.targets[k]!] === c) inside[c]! += w;
    }
  }
  if (m2 === 0) return 0;
  let q = 0;
  for (let c = 0; c < count; c++) q += inside[c]! / m2 - resolution * (total[c]! / m2) ** 2;
  return q;
}

/** One level's local moves; returns each node's community, numbered 0..count-1. */
function moveNodes(
  g: Level,
  m2: number,
  resolution: number,
  rng: () => number,
): { community: Int32Array; count: number; moved: boolean } {
  const { n, offsets, targets, weights, loops } = g;
  const strength = zeros(Float64Array, n);
  for (let i = 0; i < n; i++) {
    let s = loops[i]!;
    for (let k = offsets[i]!; k < offsets[i + 1]!; k++) s += weights[k]!;
    strength[i] = s;
  }
  const community = zeros(Int32Array, n);
  const total = zeros(Float64Array, n);
  for (let i = 0; i < n; i++) {
    community[i] = i;
    total[i] = strength[i]!;
  }
  // Weight from the current node to each neighbouring community, and which communities were touched.
  const toCommunity = zeros(Float64Array, n).fill(-1);
  const touched = zeros(Int32Array, n);
  const nodes: number[] = [];
  for (let i = 0; i < n; i++) nodes.push(i);
  const order = shuffle(nodes, rng);
  let moved = false;
  for (;;) {
    let gain = 0;
    let moves = 0;
    for (const i of order) {
      const own = community[i]!;
      const ki = strength[i]!;
      let touchedCount = 0;
      toCommunity[own] = 0;
      touched[touchedCount++] = own;
      for (let k = offsets[i]!; k < offsets[i + 1]!; k++) {
        const c = community[targets[k]!]!;
        if (toCommunity[c] === -1) {
          toCommunity[c] = 0;
          touched[touchedCount++] = c;
        }
        toCommunity[c]! += weights[k]!;
      }
      total[own]! -= ki;
      const scale = (resolution * ki) / m2;
      // Stay unless another community gains strictly more; the first such in visiting order wins ties.
      const stay = toCommunity[own]! - scale * total[own]!;
      let best = own;
      let bestGain = stay;
      for (let t = 0; t < touchedCount; t++) {
        const c = touched[t]!;
        const g = toCommunity[c]! - scale * total[c]!;
        if (g > bestGain) {
          best = c;
          bestGain = g;
        }
      }
      total[best]! += ki;
      if (best !== own) {
        community[i] = best;
        gain += (2 * (bestGain - stay)) / m2;
        moves++;
      }
      for (let t = 0; t < touchedCount; t++) toCommunity[touched[t]!] = -1;
    }
    if (moves > 0) moved = true;
    if (moves === 0 || gain < MIN_GAIN) break;
  }
  const count = renumber(community);
  return { community, count, moved: moved && count < n };
}

/** Numbers communities 0..count-1 in order of first appearance, in place; returns the count. */
function renumber(community: Int32Array): number {
  const id = zeros(Int32Array, community.length).fill(-1);
  let count = 0;
  for (let i = 0; i < community.length; i++) {
    const c = community[i]!;
    if (id[c] === -1) id[c] = count++;
    community[i] = id[c]!;
  }
  return count;
}

/** The graph of communities: one node per community, ties summed, internal weight kept as self-loops. */
function aggregate(g: Level, community: Int32Array, count: number): Level {
  const loops = zeros(Float64Array, count);
  // Each community's members in node order (a counting sort), and its ties in columns sized for the most there
  // can be: an array per community and growing lists of ties, each tie list sorted by a comparator, were most of
  // this function's time.
  const start = zeros(Int32Array, count + 1);
  for (let i = 0; i < g.n; i++) start[community[i]! + 1]!++;
  for (let c = 0; c < count; c++) start[c + 1]! += start[c]!;
  const fill = start.slice(0, count);
  const members = zeros(Int32Array, g.n);
  for (let i = 0; i < g.n; i++) {
    members[fill[community[i]!]!++] = i;
    loops[community[i]!]! += g.loops[i]!;
  }
  const offsets = zeros(Int32Array, count + 1);
  const targets = zeros(Int32Array, g.targets.length);
  const weights = zeros(Float64Array, g.targets.length);
  const acc = zeros(Float64Array, count);
  const seen = zeros(Int32Array, count).fill(-1);
  const touched = zeros(Int32Array, count);
  let size = 0;
  for (let c = 0; c < count; c++) {
    let t = 0;
    for (let m = start[c]!; m < start[c + 1]!; m++) {
      const i = members[m]!;
      for (let k = g.offsets[i]!; k < g.offsets[i + 1]!; k++) {
        const d = community[g.targets[k]!]!;
        if (d === c) {
          loops[c]! += g.weights[k]!;
          continue;
        }
        if (seen[d] !== c) {
          seen[d] = c;
          acc[d] = 0;
          touched[t++] = d;
        }
        acc[d]! += g.weights[k]!;
      }
    }
    // The neighbouring communities in ascending order: a few by insertion, more by the engine's numeric sort.
    if (t > 16) touched.subarray(0, t).sort();
    else
      for (let q = 1; q < t; q++) {
        const d = touched[q]!;
        let r = q - 1;
        while (r >= 0 && touched[r]! > d) {
          touched[r + 1] = touched[r]!;
          r--;
        }
        touched[r + 1] = d;
      }
    for (let q = 0; q < t; q++) {
      targets[size] = touched[q]!;
      weights[size++] = acc[touched[q]!]!;
    }
    offsets[c + 1] = size;
  }
  return { n: count, offsets, targets: targets.slice(0, size), weights: weights.slice(0, size), loops };
}
