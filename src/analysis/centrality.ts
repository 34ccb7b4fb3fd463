// Centralities on a CSR graph: degree, strength, PageRank, eigenvector, betweenness and harmonic closeness.
// Betweenness: Brandes (2001), "A faster algorithm for betweenness centrality", with Dijkstra on
// distance = 1/strength (or hops when unweighted); exact up to `exactLimit` nodes, above it Brandes & Pich
// (2007) source sampling, scaled by n/k. PageRank: conjugate gradients on the symmetrised linear system, preconditioned by symmetric Gauss–Seidel.
// Eigenvector: power iteration to a tight tolerance (graphology-metrics' default stops far too early on large
// graphs).
import { appError } from '../lib/errors';
import { untimed, type StepTimer } from '../lib/timing';
import { createRng, shuffle } from '../lib/rng';
import { degreeOf, type Csr } from './csr';
import { zeros } from '../lib/typed';
import { startPasses } from './brandes';
import { kernelMemory } from './wasm';
import { createTriangle, type Triangle } from './sweeps';
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
  const { offsets, targets, weights } = csr;
  const n = offsets.length - 1;
  const s = zeros(Float64Array, n);
  if (targets.length === 0) return s;
  for (let i = 0; i < n; i++) {
    let sum = 0;
    for (let k = offsets[i]!, end = offsets[i + 1]!; k < end; k++) sum += weights[k]!;
    s[i] = sum;
  }
  return s;
}

/**
 * Weighted PageRank on the undirected graph; nodes without ties spread their rank evenly.
 *
 * Solved as a linear system by preconditioned conjugate gradients rather than by power iteration. With P = W D⁻¹
 * (D the strengths), rank = c · z where z solves (I − dP) z = 1 on the tied nodes (z = 1 on the others: they only
 * receive the even share c), and c makes the ranks sum to 1. Writing z = D^½ y makes the system symmetric
 * positive definite, K y = D^-½ 1 with K = I − d D^-½ W D^-½ (its diagonal scaled to 1 where a node has a tie to
 * itself), eigenvalues in [1 − d, 1 + d].
 *
 * The preconditioner is symmetric Gauss–Seidel, K = L + Lᵀ − I with L = I − (the lower triangle of dA): conjugate
 * gradients run on L⁻¹ K L⁻ᵀ, and by Eisenstat's trick, L⁻¹ K L⁻ᵀ v = t + L⁻¹ (v − t) with t = L⁻ᵀ v, each step
 * is one backward and one forward sweep over the ties, each tie read once in each (sweeps.ts: in WebAssembly where
 * it may run). On the bench's cities that is 16
 * steps where plain conjugate gradients took 32–38 products (and power iteration 63). It stops when the
 * preconditioned residual falls to `tolerance` of its start, and then agrees with igraph's PRPACK to about 1e-13.
 */
export function pagerank(csr: Rows, damping = 0.85, tolerance = 1e-10, maxIterations = 1000): Float64Array {
  const n = csr.offsets.length - 1;
  if (n === 0) return new Float64Array();
  const s = strengths(csr);
  const invRoot = inverseRoots(s);
  const { triangle, scale } = upperTriangle(csr, invRoot, damping);
  // The right-hand side, b = scale · D^-½ 1, and the preconditioned residual r = L⁻¹ b (y starts at 0).
  const r = triangle.vector();
  product(invRoot, scale, r);
  triangle.forward(r);
  const x = triangle.vector();
  const p = triangle.vector();
  const q = triangle.vector();
  const t = triangle.vector();
  p.set(r);
  let rr = dot(r, r);
  const stop = rr * tolerance * tolerance;
  for (let iter = 0; iter < maxIterations && rr > stop; iter++) {
    // q = L⁻¹ K L⁻ᵀ p, by Eisenstat's trick.
    triangle.backward(p, t);
    difference(p, t, q);
    triangle.forward(q);
    const alpha = rr / addAndDot(q, t, p);
    const next = step(alpha, p, q, x, r);
    direction(p, r, next / rr);
    rr = next;
  }
  // y = L⁻ᵀ x, then z = D^½ y (undoing the diagonal's scale).
  triangle.backward(x, t);
  return ranks(t, scale, invRoot);
}

/** 1 / √s, and 0 where s is 0. */
function inverseRoots(s: Float64Array): Float64Array {
  const out = zeros(Float64Array, s.length);
  for (let i = 0, n = s.length; i < n; i++) out[i] = s[i]! > 0 ? 1 / Math.sqrt(s[i]!) : 0;
  return out;
}

/** out = u · v, entry by entry. */
function product(u: Float64Array, v: Float64Array, out: Float64Array): void {
  for (let i = 0, n = u.length; i < n; i++) out[i] = u[i]! * v[i]!;
}

/** The ranks from y: z = scale · y / D^-½ on the tied nodes, 1 on the others, summing to 1. */
function ranks(y: Float64Array, scale: Float64Array, invRoot: Float64Array): Float64Array {
  const n = y.length;
  const rank = zeros(Float64Array, n);
  let total = 0;
  for (let i = 0; i < n; i++) total += rank[i] = invRoot[i]! > 0 ? (y[i]! * scale[i]!) / invRoot[i]! : 1;
  for (let i = 0; i < n; i++) rank[i]! /= total;
  return rank;
}

// PageRank's passes, each its own small function: V8 optimises a function called once per iteration within the
// first run, where one function holding every loop stayed slow for its first four runs (60, 40, 35, 35 ms, then
// 14 ms on the 100k-row city's graph).

/**
 * The operator's strict upper triangle, d · w_ij / √(s_i s_j) for each tie i–j with j > i, once per tie (the CSR
 * holds every tie from both ends with the same weight, so K is symmetric and this half says all), and `scale`,
 * 1 / √K_ii, by which the triangle is scaled on both sides to give K a unit diagonal (1 but where a node has a tie
 * to itself, which csrFromPairs leaves out).
 */
function upperTriangle(csr: Rows, invRoot: Float64Array, damping: number): { triangle: Triangle; scale: Float64Array } {
  const n = invRoot.length;
  const upper = zeros(Int32Array, n + 1);
  const scale = zeros(Float64Array, n);
  if (countUpper(csr.offsets, csr.targets, csr.weights, invRoot, damping, upper, scale))
    for (let i = 0; i < n; i++) scale[i] = 1 / Math.sqrt(scale[i]!);
  else scale.fill(1);
  // Room for PageRank's five vectors beside the triangle: r, x, p, q, t.
  const triangle = createTriangle(upper, 5);
  fillUpper(csr.offsets, csr.targets, csr.weights, invRoot, scale, damping, triangle.targets, triangle.a);
  return { triangle, scale };
}

/**
 * Row offsets of the strict upper triangle into `upper`, and K's diagonal, 1 − d · w_ii / s_i, into `diagonal`;
 * returns whether any node has a tie to itself.
 */
function countUpper(
  offsets: Int32Array,
  targets: Int32Array,
  weights: Float64Array,
  invRoot: Float64Array,
  damping: number,
  upper: Int32Array,
  diagonal: Float64Array,
): boolean {
  let loops = false;
  let at = 0;
  for (let i = 0, n = diagonal.length; i < n; i++) {
    let d = 1;
    for (let k = offsets[i]!, end = offsets[i + 1]!; k < end; k++) {
      const j = targets[k]!;
      if (j > i) at++;
      else if (j === i) {
        d -= damping * weights[k]! * invRoot[i]! * invRoot[i]!;
        loops = true;
      }
    }
    diagonal[i] = d;
    upper[i + 1] = at;
  }
  return loops;
}

/** The strict upper triangle's columns and values, scaled by `scale` on both sides. */
function fillUpper(
  offsets: Int32Array,
  targets: Int32Array,
  weights: Float64Array,
  invRoot: Float64Array,
  scale: Float64Array,
  damping: number,
  to: Int32Array,
  a: Float64Array,
): void {
  for (let i = 0, n = scale.length, at = 0; i < n; i++) {
    const rowScale = damping * invRoot[i]! * scale[i]!;
    for (let k = offsets[i]!, end = offsets[i + 1]!; k < end; k++) {
      const j = targets[k]!;
      if (j <= i) continue;
      to[at] = j;
      a[at++] = rowScale * weights[k]! * invRoot[j]! * scale[j]!;
    }
  }
}

function dot(u: Float64Array, v: Float64Array): number {
  let sum = 0;
  for (let i = 0, n = u.length; i < n; i++) sum += u[i]! * v[i]!;
  return sum;
}

/** out = u − v. */
function difference(u: Float64Array, v: Float64Array, out: Float64Array): void {
  for (let i = 0, n = u.length; i < n; i++) out[i] = u[i]! - v[i]!;
}

/** q += t; returns p · q. */
function addAndDot(q: Float64Array, t: Float64Array, p: Float64Array): number {
  let pq = 0;
  for (let i = 0, n = q.length; i < n; i++) {
    q[i]! += t[i]!;
    pq += p[i]! * q[i]!;
  }
  return pq;
}

/** x += alpha p, r −= alpha q; returns r · r. */
function step(alpha: number, p: Float64Array, q: Float64Array, x: Float64Array, r: Float64Array): number {
  let rr = 0;
  for (let i = 0, n = x.length; i < n; i++) {
    x[i]! += alpha * p[i]!;
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
export function eigenvector(
  csr: Rows,
  tolerance = 1e-10,
  maxIterations = 1000,
  options: { wasm?: boolean } = {},
): Float64Array {
  const n = csr.offsets.length - 1;
  const ties = csr.targets.length;
  // The product y = (A + I) x in WebAssembly where it may run (twice as fast at 1M rows), with the same sums in
  // the same order as the JavaScript below, so the same vector bit for bit; x and y then live in its memory.
  const memory =
    options.wasm === false || n === 0
      ? null
      : kernelMemory({ off: ['i32', n + 1], tg: ['i32', ties], w: ['f64', ties], x: ['f64', n], y: ['f64', n] });
  const { offsets, targets, weights } = csr;
  let x = memory ? memory.views.x.fill(1) : zeros(Float64Array, n).fill(1);
  let y = memory ? memory.views.y : zeros(Float64Array, n);
  if (memory) {
    memory.views.off.set(offsets);
    memory.views.tg.set(targets);
    memory.views.w.set(weights);
  }
  for (let iter = 0; iter < maxIterations; iter++) {
    if (memory) {
      const { kernels, views: v } = memory;
      kernels.product(n, v.off.byteOffset, v.tg.byteOffset, v.w.byteOffset, x.byteOffset, y.byteOffset);
    } else
      for (let i = 0; i < n; i++) {
        let sum = x[i]!;
        for (let k = offsets[i]!; k < offsets[i + 1]!; k++) sum += weights[k]! * x[targets[k]!]!;
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
  // (out of the kernels' memory, which is then let go)
  return memory ? x.slice() : x;
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

/** Betweenness started: parts of its passes go to the helper thread now, the rest at `finish` (see startPasses). */
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
 * The centralities, started: where a helper thread runs, it takes PageRank, the eigenvector and parts of
 * betweenness's passes now, while this thread does other work (Louvain, in analyse.ts); `finish` runs the first
 * part here, and any the helper has not taken. `spectral` gives PageRank and the eigenvector as soon as they are
 * in (the helper takes them first, so they are in by the end of Louvain), for work that needs them but not
 * betweenness. The results are the same either way. The steps' times are this thread's: a kernel the helper ran
 * takes the time spent waiting for it.
 */
export function startCentralities(
  csr: Csr,
  options: Partial<CentralityOptions> = {},
  time: StepTimer = untimed,
): { spectral(): Pick<Centralities, 'pagerank' | 'eigenvector'>; finish(): Centralities } {
  const o = { ...DEFAULT_CENTRALITY_OPTIONS, ...options };
  if (!(o.damping > 0 && o.damping < 1))
    throw appError('centrality', `damping is ${o.damping}; expected a number between 0 and 1`);
  if (!(o.exactLimit >= 0) || !(o.samples >= 1)) throw appError('centrality', 'exactLimit must be ≥ 0 and samples ≥ 1');
  const rank = startSpectral('pagerank', csr, o);
  const eigen = startSpectral('eigenvector', csr, o);
  const between = startBetweenness(csr, o);
  // Joined once: without a helper, a join runs its kernel here.
  let spectral: Pick<Centralities, 'pagerank' | 'eigenvector'> | undefined;
  const joinSpectral = () => {
    if (!spectral) {
      time('pagerank', () => rank.join());
      time('eigenvector', () => eigen.join());
      spectral = { pagerank: rank.task.out, eigenvector: eigen.task.out };
    }
    return spectral;
  };
  return {
    spectral: joinSpectral,
    finish() {
      const n = csr.ids.length;
      const degree = zeros(Float64Array, n);
      for (let i = 0; i < n; i++) degree[i] = degreeOf(csr, i);
      const b = time('betweenness', () => between.finish());
      const { pagerank, eigenvector } = joinSpectral();
      return {
        degree,
        strength: strengths(csr),
        pagerank,
        eigenvector,
        betweenness: b.betweenness,
        closeness: b.closeness,
        sampled: b.sampled,
        sources: b.sources,
        threads: b.threads,
      };
    },
  };
}
