// Centralities on a CSR graph: degree, strength, PageRank, eigenvector, betweenness and harmonic closeness.
// Betweenness: Brandes (2001), "A faster algorithm for betweenness centrality", with Dijkstra on
// distance = 1/strength (or hops when unweighted); exact up to `exactLimit` nodes, above it Brandes & Pich
// (2007) source sampling, scaled by n/k. PageRank: conjugate gradients on the symmetrised linear system.
// Eigenvector: power iteration to a tight tolerance (graphology-metrics' default stops far too early on large
// graphs).
import { appError } from '../lib/errors';
import { untimed, type StepTimer } from '../lib/timing';
import { createRng, shuffle } from '../lib/rng';
import { degreeOf, type Csr } from './csr';
import { zeros } from '../lib/typed';
import { startPasses } from './brandes';
import { handOff, taskColumn, taskState, type HandedTask, type Handoff } from '../lib/handoff';

export interface CentralityOptions {
  /** Nodes up to which betweenness is exact. */
  exactLimit: number;
  /** Sources sampled above the limit, at most. */
  samples: number;
  /**
   * Edge ends visited by all sampled passes together, at most: on a city-sized graph the sample shrinks (never
   * below 50 sources) so that betweenness costs about what it costs on a 100k-edge graph.
   */
  sampleWork: number;
  seed: number;
  /** Use hop counts instead of 1/strength as distances. */
  unweighted: boolean;
  damping: number;
  tolerance: number;
  maxIterations: number;
}

export const DEFAULT_CENTRALITY_OPTIONS: CentralityOptions = {
  exactLimit: 5000,
  samples: 500,
  sampleWork: 1e8,
  seed: 1,
  unweighted: false,
  damping: 0.85,
  tolerance: 1e-10,
  maxIterations: 1000,
};

export interface Centralities {
  degree: Float64Array;
  strength: Float64Array;
  pagerank: Float64Array;
  eigenvector: Float64Array;
  /** Undirected pair counts (each pair once), unnormalised. */
  betweenness: Float64Array;
  /** Harmonic closeness: mean of 1/distance to every other node. */
  closeness: Float64Array;
  /** True when betweenness and closeness were estimated from sampled sources. */
  sampled: boolean;
  sources: number;
  /** Threads that ran the shortest-path passes: 2 when a helper thread took half (see brandes.ts). */
  threads: 1 | 2;
}

/** A CSR's rows, as the kernels read them (a helper thread gets these, not the ids). */
export type Rows = Pick<Csr, 'offsets' | 'targets' | 'weights'>;

export function strengths(csr: Rows): Float64Array {
  const n = csr.offsets.length - 1;
  const s = zeros(Float64Array, n);
  for (let i = 0; i < n; i++) for (let k = csr.offsets[i]!; k < csr.offsets[i + 1]!; k++) s[i]! += csr.weights[k]!;
  return s;
}

/**
 * Weighted PageRank on the undirected graph; nodes without ties spread their rank evenly.
 *
 * Solved as a linear system by conjugate gradients rather than by power iteration. With P = W D⁻¹ (D the
 * strengths), rank = c · z where z solves (I − dP) z = 1 on the tied nodes (z = 1 on the others: they only
 * receive the even share c), and c makes the ranks sum to 1. Writing z = D^½ y makes the system symmetric
 * positive definite, (I − d D^-½ W D^-½) y = D^-½ 1, with eigenvalues in [1 − d, 1 + d], so conjugate gradients
 * converge at a rate set by √((1 + d) / (1 − d)): 32 products on the 1M-row city's graph where power iteration
 * took 63, each the same pass over the ties. It stops when the residual falls to `tolerance` of its start, and
 * then agrees with igraph's PRPACK to about 1e-14 (power iteration, stopped at an L1 change of 1e-10, to 1e-11).
 */
export function pagerank(csr: Rows, damping = 0.85, tolerance = 1e-10, maxIterations = 1000): Float64Array {
  const n = csr.offsets.length - 1;
  if (n === 0) return new Float64Array();
  const { offsets, targets, weights } = csr;
  const s = strengths(csr);
  const invRoot = zeros(Float64Array, n);
  for (let i = 0; i < n; i++) invRoot[i] = s[i]! > 0 ? 1 / Math.sqrt(s[i]!) : 0;
  const half = offDiagonal(offsets, targets, weights, invRoot, damping);
  const y = zeros(Float64Array, n);
  const r = zeros(Float64Array, n);
  const p = zeros(Float64Array, n);
  const q = zeros(Float64Array, n);
  let rr = 0;
  for (let i = 0; i < n; i++) {
    r[i] = invRoot[i]!;
    p[i] = r[i]!;
    rr += r[i]! * r[i]!;
  }
  const stop = rr * tolerance * tolerance;
  for (let iter = 0; iter < maxIterations && rr > stop; iter++) {
    const alpha = rr / operatorTimes(half, p, q);
    const next = step(alpha, p, q, y, r);
    direction(p, r, next / rr);
    rr = next;
  }
  const rank = zeros(Float64Array, n);
  let total = 0;
  for (let i = 0; i < n; i++) total += rank[i] = s[i]! > 0 ? y[i]! / invRoot[i]! : 1;
  for (let i = 0; i < n; i++) rank[i]! /= total;
  return rank;
}

// PageRank's conjugate-gradient passes, each its own small function: V8 optimises a function called once per
// iteration within the first run, where one function holding every loop stayed slow for its first four runs
// (60, 40, 35, 35 ms, then 14 ms on the 100k-row city's graph).

/**
 * The operator's off-diagonal, d · w_ij / √(s_i s_j), each tie once: row i holds its ties to j ≥ i. The CSR holds
 * every tie from both ends with the same weight (csrFromPairs), so the operator is symmetric and half of it says
 * all: each product then reads a tie once rather than twice. On the 5M-row city's graph (4.9 million ties) twenty
 * products took 1.1–1.6 s against 2.0–2.3 s, alternating in one process; 18% less at 1M rows.
 */
function offDiagonal(
  offsets: Int32Array,
  targets: Int32Array,
  weights: Float64Array,
  invRoot: Float64Array,
  damping: number,
): { offsets: Int32Array; targets: Int32Array; a: Float64Array } {
  const n = invRoot.length;
  const upper = zeros(Int32Array, n + 1);
  for (let i = 0; i < n; i++) {
    let count = 0;
    for (let k = offsets[i]!, end = offsets[i + 1]!; k < end; k++) if (targets[k]! >= i) count++;
    upper[i + 1] = upper[i]! + count;
  }
  const to = zeros(Int32Array, upper[n]!);
  const a = zeros(Float64Array, upper[n]!);
  for (let i = 0, at = 0; i < n; i++)
    for (let k = offsets[i]!, end = offsets[i + 1]!; k < end; k++) {
      const j = targets[k]!;
      if (j < i) continue;
      to[at] = j;
      a[at++] = damping * weights[k]! * invRoot[i]! * invRoot[j]!;
    }
  return { offsets: upper, targets: to, a };
}

/**
 * q = (I − A) p, for the operator's off-diagonal `a` held once per tie (see offDiagonal); returns p · q. Row i adds
 * its ties to j > i into q[j] as it reads them; rows after i never write q[i], so q[i] is whole when row i ends.
 */
function operatorTimes(
  half: { offsets: Int32Array; targets: Int32Array; a: Float64Array },
  p: Float64Array,
  q: Float64Array,
) {
  const { offsets, targets, a } = half;
  q.fill(0);
  let pq = 0;
  for (let i = 0, n = q.length; i < n; i++) {
    const pi = p[i]!;
    let sum = q[i]!;
    for (let k = offsets[i]!, end = offsets[i + 1]!; k < end; k++) {
      const j = targets[k]!;
      const w = a[k]!;
      sum += w * p[j]!;
      if (j !== i) q[j]! += w * pi;
    }
    q[i] = pi - sum;
    pq += pi * q[i]!;
  }
  return pq;
}

/** y += alpha p, r −= alpha q; returns r · r. */
function step(alpha: number, p: Float64Array, q: Float64Array, y: Float64Array, r: Float64Array): number {
  let rr = 0;
  for (let i = 0, n = y.length; i < n; i++) {
    y[i]! += alpha * p[i]!;
    r[i]! -= alpha * q[i]!;
    rr += r[i]! * r[i]!;
  }
  return rr;
}

/** p = r + beta p. */
function direction(p: Float64Array, r: Float64Array, beta: number): void {
  for (let i = 0, n = p.length; i < n; i++) p[i] = r[i]! + beta * p[i]!;
}

/** Weighted eigenvector centrality by power iteration on A + I (the shift keeps bipartite graphs from oscillating); max-normalised. */
export function eigenvector(csr: Rows, tolerance = 1e-10, maxIterations = 1000): Float64Array {
  const n = csr.offsets.length - 1;
  let x = zeros(Float64Array, n).fill(1);
  let y = zeros(Float64Array, n);
  for (let iter = 0; iter < maxIterations; iter++) {
    for (let i = 0; i < n; i++) {
      let sum = x[i]!;
      for (let k = csr.offsets[i]!; k < csr.offsets[i + 1]!; k++) sum += csr.weights[k]! * x[csr.targets[k]!]!;
      y[i] = sum;
    }
    let max = 0;
    for (let i = 0; i < n; i++) if (y[i]! > max) max = y[i]!;
    if (max === 0) return zeros(Float64Array, n);
    let delta = 0;
    for (let i = 0; i < n; i++) {
      y[i]! /= max;
      delta += Math.abs(y[i]! - x[i]!);
    }
    [x, y] = [y, x];
    if (delta < tolerance * n) break;
  }
  return x;
}

/** What betweenness and closeness give: see betweennessAndCloseness. */
export interface BetweennessResult {
  betweenness: Float64Array;
  closeness: Float64Array;
  sampled: boolean;
  sources: number;
  /** Threads that ran the passes: 2 when a helper thread took half (see brandes.ts). */
  threads: 1 | 2;
}

/**
 * Betweenness (each unordered pair counted once, as networkx's unnormalised undirected value) and harmonic
 * closeness, from one shortest-path pass per source.
 */
export function betweennessAndCloseness(
  csr: Csr,
  options: Pick<CentralityOptions, 'exactLimit' | 'samples' | 'seed' | 'unweighted'> &
    Partial<Pick<CentralityOptions, 'sampleWork'>> = DEFAULT_CENTRALITY_OPTIONS,
): BetweennessResult {
  return startBetweenness(csr, options).finish();
}

/** Betweenness started: the second part of its passes goes to the helper thread now, the rest at `finish`. */
function startBetweenness(
  csr: Csr,
  options: Pick<CentralityOptions, 'exactLimit' | 'samples' | 'seed' | 'unweighted'> &
    Partial<Pick<CentralityOptions, 'sampleWork'>>,
): { finish(): BetweennessResult } {
  const n = csr.ids.length;
  if (n === 0)
    return {
      finish: () => ({
        betweenness: zeros(Float64Array, 0),
        closeness: zeros(Float64Array, 0),
        sampled: false,
        sources: 0,
        threads: 1,
      }),
    };
  let sources = Array.from({ length: n }, (_, i) => i);
  const budget = Math.max(50, Math.floor((options.sampleWork ?? Infinity) / Math.max(1, csr.targets.length)));
  const samples = Math.min(options.samples, budget);
  const sampled = n > options.exactLimit && samples < n;
  if (sampled)
    sources = shuffle(sources, createRng(options.seed))
      .slice(0, samples)
      .sort((a, b) => a - b);
  // Each tie's length (1 / strength), worked out once rather than once per pass.
  const length = zeros(Float64Array, csr.targets.length);
  for (let k = 0; k < length.length; k++) length[k] = 1 / csr.weights[k]!;
  const graph = { offsets: csr.offsets, targets: csr.targets, length };
  const all = Int32Array.from(sources);
  const passes = startPasses(graph, all, options.unweighted);
  return {
    finish() {
      const betweenness = zeros(Float64Array, n);
      const closeness = zeros(Float64Array, n);
      const threads = passes.finish(betweenness, closeness);
      // Each unordered pair was counted from both ends when every node was a source.
      const scale = sampled ? n / all.length : 1;
      for (let i = 0; i < n; i++) {
        betweenness[i] = (betweenness[i]! * scale) / 2;
        closeness[i] = n > 1 ? (closeness[i]! * scale) / (n - 1) : 0;
      }
      return { betweenness, closeness, sampled, sources: all.length, threads };
    },
  };
}

/** PageRank or eigenvector centrality as a helper thread receives it: its result column is shared. */
export interface SpectralTask extends HandedTask {
  kind: 'pagerank' | 'eigenvector';
  rows: Rows;
  damping: number;
  tolerance: number;
  maxIterations: number;
  out: Float64Array;
}

/** Runs a PageRank or eigenvector task where it landed (on the helper, or back here). */
export function runSpectralTask(task: SpectralTask): void {
  const { rows, damping, tolerance, maxIterations } = task;
  task.out.set(
    task.kind === 'pagerank'
      ? pagerank(rows, damping, tolerance, maxIterations)
      : eigenvector(rows, tolerance, maxIterations),
  );
}

/** PageRank or the eigenvector, handed off; after `join`, the values are `task.out`. */
function startSpectral(kind: SpectralTask['kind'], csr: Csr, o: CentralityOptions): { task: SpectralTask } & Handoff {
  const n = csr.ids.length;
  const task: SpectralTask = {
    kind,
    rows: { offsets: csr.offsets, targets: csr.targets, weights: csr.weights },
    damping: o.damping,
    tolerance: o.tolerance,
    maxIterations: o.maxIterations,
    out: taskColumn(n),
    state: taskState(),
  };
  const runHere = (fresh: boolean) => {
    if (fresh) task.out = zeros(Float64Array, n);
    runSpectralTask(task);
  };
  return { task, ...handOff(task, runHere) };
}

export function computeCentralities(
  csr: Csr,
  options: Partial<CentralityOptions> = {},
  time: StepTimer = untimed,
): Centralities {
  return startCentralities(csr, options, time).finish();
}

/**
 * The centralities, started: where a helper thread runs, it takes PageRank, the eigenvector and the second part
 * of betweenness's passes now, while this thread does other work (Louvain, in analyse.ts); `finish` runs the
 * first part here, and anything the helper has not taken. The results are the same either way. The steps'
 * times are this thread's: a kernel the helper ran takes the time spent waiting for it.
 */
export function startCentralities(
  csr: Csr,
  options: Partial<CentralityOptions> = {},
  time: StepTimer = untimed,
): { finish(): Centralities } {
  const o = { ...DEFAULT_CENTRALITY_OPTIONS, ...options };
  if (!(o.damping > 0 && o.damping < 1))
    throw appError('centrality', `damping is ${o.damping}; expected a number between 0 and 1`);
  if (!(o.exactLimit >= 0) || !(o.samples >= 1)) throw appError('centrality', 'exactLimit must be ≥ 0 and samples ≥ 1');
  const rank = startSpectral('pagerank', csr, o);
  const eigen = startSpectral('eigenvector', csr, o);
  const between = startBetweenness(csr, o);
  return {
    finish() {
      const n = csr.ids.length;
      const degree = zeros(Float64Array, n);
      for (let i = 0; i < n; i++) degree[i] = degreeOf(csr, i);
      const b = time('betweenness', () => between.finish());
      time('pagerank', () => rank.join());
      time('eigenvector', () => eigen.join());
      return {
        degree,
        strength: strengths(csr),
        pagerank: rank.task.out,
        eigenvector: eigen.task.out,
        betweenness: b.betweenness,
        closeness: b.closeness,
        sampled: b.sampled,
        sources: b.sources,
        threads: b.threads,
      };
    },
  };
}
