// Disruption: which arrests fragment the network most. Measures after removing a set (largest connected
// component, components, pairwise connectivity, global efficiency) and removal strategies: degree, betweenness
// (sequential, recomputed after each arrest, and in blocks), collective influence (Morone & Makse 2015, ℓ = 2),
// CoreHD (Zdeborová et al. 2016), greedy, and an optimiser (local search over sets, started from the best of
// the others, so never worse than any of them). Sequential betweenness reproduces Cavallaro et al. 2020 on
// Montagna exactly (tests). Ties go to the node met first, as networkx's stable sort does.
import { betweennessAndCloseness } from './centrality';
import { createCsr } from './csr';
import { maxOf } from '../lib/math';

export interface DisruptionGraph {
  ids: string[];
  neighbours: number[][];
  /** Tie strength per pair (`${i},${j}` with i < j), when the plan weighs ties; betweenness then reads 1/strength as distance. */
  strength?: Map<string, number>;
}

/** A simple undirected graph; node order (the tie-break) is the order of first appearance in `pairs`, after `ids`. */
export function disruptionGraph(pairs: Iterable<[string, string]>, ids: string[] = []): DisruptionGraph {
  const index = new Map<string, number>();
  const order = [...ids];
  ids.forEach((id, i) => index.set(id, i));
  const sets: Set<number>[] = ids.map(() => new Set());
  const at = (id: string) => {
    let i = index.get(id);
    if (i === undefined) {
      i = order.length;
      index.set(id, i);
      order.push(id);
      sets.push(new Set());
    }
    return i;
  };
  for (const [a, b] of pairs) {
    const i = at(a);
    const j = at(b);
    if (i === j) continue;
    sets[i]!.add(j);
    sets[j]!.add(i);
  }
  return { ids: order, neighbours: sets.map((s) => [...s].sort((x, y) => x - y)) };
}

export interface Measures {
  /** Size of the largest connected component. */
  lcc: number;
  components: number;
  /** Share of node pairs still connected (1 = all). */
  pairwise: number;
  /** Mean of 1/distance over all pairs of the original nodes (0 for disconnected pairs). */
  efficiency: number;
  /** Share of the money that can still reach a collecting account (set by the case planner; NaN without money). */
  money?: number;
}

function componentSizes(g: DisruptionGraph, removed: Uint8Array): number[] {
  const n = g.ids.length;
  const seen = new Uint8Array(n);
  const queue = new Int32Array(n);
  const sizes: number[] = [];
  for (let s = 0; s < n; s++) {
    if (removed[s] || seen[s]) continue;
    let head = 0;
    let tail = 0;
    queue[tail++] = s;
    seen[s] = 1;
    while (head < tail) {
      const v = queue[head++]!;
      for (const w of g.neighbours[v]!)
        if (!removed[w] && !seen[w]) {
          seen[w] = 1;
          queue[tail++] = w;
        }
    }
    sizes.push(tail);
  }
  return sizes;
}

/** Global efficiency; above `exactUpTo` nodes it is estimated from that many evenly spaced sources. */
function efficiency(g: DisruptionGraph, removed: Uint8Array, exactUpTo = Infinity): number {
  const n = g.ids.length;
  if (n < 2) return 0;
  const step = n > exactUpTo ? n / exactUpTo : 1;
  const dist = new Int32Array(n);
  const queue = new Int32Array(n);
  let total = 0;
  let sources = 0;
  for (let f = 0; f < n; f += step) {
    const s = Math.floor(f);
    sources++;
    if (removed[s]) continue;
    dist.fill(-1);
    dist[s] = 0;
    let head = 0;
    let tail = 0;
    queue[tail++] = s;
    while (head < tail) {
      const v = queue[head++]!;
      for (const w of g.neighbours[v]!)
        if (!removed[w] && dist[w] === -1) {
          dist[w] = dist[v]! + 1;
          total += 1 / dist[w]!;
          queue[tail++] = w;
        }
    }
  }
  return (total * (n / sources)) / (n * (n - 1));
}

/** Measures after removing a set. Efficiency is exact up to `efficiencyExactUpTo` nodes (0 skips it). */
export function measure(
  g: DisruptionGraph,
  removedIds: Iterable<number>,
  withEfficiency = true,
  efficiencyExactUpTo = Infinity,
): Measures {
  const removed = new Uint8Array(g.ids.length);
  for (const i of removedIds) removed[i] = 1;
  const sizes = componentSizes(g, removed);
  const n = g.ids.length;
  const pairs = (n * (n - 1)) / 2;
  return {
    lcc: maxOf(sizes, 0),
    components: sizes.length,
    pairwise: pairs ? sizes.reduce((a, s) => a + (s * (s - 1)) / 2, 0) / pairs : 0,
    efficiency: withEfficiency ? efficiency(g, removed, efficiencyExactUpTo) : NaN,
  };
}

export const STRATEGIES = ['degree', 'betweenness', 'block-betweenness', 'ci', 'corehd', 'greedy', 'best'] as const;
export type Strategy = (typeof STRATEGIES)[number];

export interface PlanOptions {
  /** Whether a node may be removed (likely victims and innocent hubs may not; the analyst may exclude more). */
  allowed: (i: number) => boolean;
  /** Nodes that must be in the plan, removed first in this order. */
  include: number[];
  /** Block size for block betweenness. */
  block: number;
  /** What an arrest costs (default 1): the budget is then the total cost allowed. */
  cost?: (i: number) => number;
}

export const DEFAULT_PLAN_OPTIONS: PlanOptions = { allowed: () => true, include: [], block: 5 };

const EPS = 1e-9;

/** Betweenness is exact up to 1,000 nodes (Montagna is reproduced exactly); above, 500 seeded sources. */
const sampleSize = (g: DisruptionGraph) => (g.ids.length > 1000 ? 500 : Infinity);

/** The allowed, present node with the highest score; ties to the lowest index. */
function argmax(scores: ArrayLike<number>, removed: Uint8Array, allowed: (i: number) => boolean): number {
  let best = -1;
  for (let i = 0; i < scores.length; i++) {
    if (removed[i] || !allowed(i)) continue;
    if (best < 0 || scores[i]! > scores[best]! + EPS * Math.max(1, Math.abs(scores[best]!))) best = i;
  }
  return best;
}

function degrees(g: DisruptionGraph, removed: Uint8Array): Float64Array {
  const d = new Float64Array(g.ids.length);
  for (let i = 0; i < g.ids.length; i++) {
    if (removed[i]) continue;
    for (const j of g.neighbours[i]!) if (!removed[j]) d[i]!++;
  }
  return d;
}

function betweenness(g: DisruptionGraph, removed: Uint8Array, samples = Infinity): Float64Array {
  const pairs: [string, string, number][] = [];
  g.neighbours.forEach((ns, i) => {
    if (removed[i]) return;
    for (const j of ns) if (j > i && !removed[j]) pairs.push([g.ids[i]!, g.ids[j]!, g.strength?.get(`${i},${j}`) ?? 1]);
  });
  const csr = createCsr(g.ids, pairs);
  const exact = !Number.isFinite(samples);
  return betweennessAndCloseness(csr, {
    exactLimit: exact ? Infinity : samples,
    samples: exact ? 0 : samples,
    seed: 1,
    unweighted: !g.strength,
  }).betweenness;
}

/** Collective influence at radius 2: (k_i − 1) × Σ (k_j − 1) over the nodes exactly two steps away. */
function collectiveInfluence(g: DisruptionGraph, removed: Uint8Array): Float64Array {
  const d = degrees(g, removed);
  const ci = new Float64Array(g.ids.length);
  const mark = new Int32Array(g.ids.length).fill(-1);
  for (let i = 0; i < g.ids.length; i++) {
    if (removed[i]) continue;
    mark[i] = i;
    const first = g.neighbours[i]!.filter((j) => !removed[j]);
    for (const j of first) mark[j] = i;
    let sum = 0;
    for (const j of first)
      for (const k of g.neighbours[j]!)
        if (!removed[k] && mark[k] !== i) {
          mark[k] = i;
          sum += d[k]! - 1;
        }
    ci[i] = (d[i]! - 1) * sum;
  }
  return ci;
}

/** CoreHD: the highest degree within the 2-core; plain degree once the 2-core is gone. */
function coreHd(g: DisruptionGraph, removed: Uint8Array): Float64Array {
  const d = degrees(g, removed);
  const gone = Uint8Array.from(removed);
  const stack: number[] = [];
  for (let i = 0; i < d.length; i++) if (!gone[i] && d[i]! < 2) stack.push(i);
  while (stack.length) {
    const v = stack.pop()!;
    if (gone[v]) continue;
    gone[v] = 1;
    for (const w of g.neighbours[v]!) if (!gone[w] && --d[w]! < 2) stack.push(w);
  }
  const inCore = d.map((x, i) => (gone[i] ? 0 : x));
  return inCore.some((x) => x > 0) ? inCore : degrees(g, removed);
}

/** Objective for comparing sets: the largest component, then pairwise connectivity. */
function objective(g: DisruptionGraph, set: Iterable<number>): [number, number] {
  const m = measure(g, set, false);
  return [m.lcc, m.pairwise];
}
const better = (a: [number, number], b: [number, number]) => a[0] < b[0] || (a[0] === b[0] && a[1] < b[1] - EPS);

/** Removal order by a strategy, arrests costing up to `k` in all (one each unless costs are set). */
export function removalOrder(
  g: DisruptionGraph,
  strategy: Strategy,
  k: number,
  options: PlanOptions = DEFAULT_PLAN_OPTIONS,
  /** The other strategies' orders when already known: the optimiser starts from them. */
  known: Partial<Record<Strategy, number[]>> = {},
): number[] {
  const removed = new Uint8Array(g.ids.length);
  const order: number[] = [];
  const cost = options.cost ?? (() => 1);
  let spent = 0;
  const take = (i: number) => {
    if (i < 0) return false;
    removed[i] = 1;
    order.push(i);
    spent += cost(i);
    return true;
  };
  for (const i of options.include) if (spent + cost(i) <= k) take(i);
  if (strategy === 'best') return optimise(g, k, options, known);
  // Only arrests the rest of the budget can pay for.
  const affordable = (i: number) => options.allowed(i) && spent + cost(i) <= k;
  while (spent < k) {
    if (strategy === 'block-betweenness') {
      const scores = betweenness(g, removed, sampleSize(g));
      const ranked = [...scores.keys()]
        .filter((i) => !removed[i] && affordable(i))
        .sort((a, b) => scores[b]! - scores[a]! || a - b);
      if (!ranked.length) break;
      let taken = 0;
      for (const i of ranked) if (taken < options.block && affordable(i) && take(i)) taken++;
      continue;
    }
    let next = -1;
    if (strategy === 'greedy') {
      let best: [number, number] | null = null;
      for (let i = 0; i < g.ids.length; i++) {
        if (removed[i] || !affordable(i)) continue;
        const o = objective(g, [...order, i]);
        if (!best || better(o, best)) {
          best = o;
          next = i;
        }
      }
    } else {
      const scores =
        strategy === 'degree'
          ? degrees(g, removed)
          : strategy === 'betweenness'
            ? betweenness(g, removed, sampleSize(g))
            : strategy === 'ci'
              ? collectiveInfluence(g, removed)
              : coreHd(g, removed);
      next = argmax(scores, removed, affordable);
    }
    if (!take(next)) break;
  }
  return order;
}

/**
 * The optimiser: start from the best final set of the other strategies, then swap one member for one outsider
 * while that lowers the objective. Candidates: the 300 highest-degree allowed nodes and the neighbours of the
 * set. The result is ordered greedily (each step the member whose removal helps most).
 */
function optimise(
  g: DisruptionGraph,
  k: number,
  options: PlanOptions,
  known: Partial<Record<Strategy, number[]>>,
): number[] {
  let best: number[] = [];
  let bestScore: [number, number] = [Infinity, Infinity];
  for (const s of STRATEGIES) {
    if (s === 'best') continue;
    const set = known[s] ?? removalOrder(g, s, k, options);
    const o = objective(g, set);
    if (better(o, bestScore)) {
      best = set;
      bestScore = o;
    }
  }
  const fixed = new Set(options.include);
  const d = degrees(g, new Uint8Array(g.ids.length));
  const top = [...d.keys()]
    .filter((i) => options.allowed(i))
    .sort((a, b) => d[b]! - d[a]! || a - b)
    .slice(0, 300);
  for (let round = 0; round < 50; round++) {
    let improved = false;
    const candidates = new Set(top);
    for (const m of best) for (const j of g.neighbours[m]!) if (options.allowed(j)) candidates.add(j);
    for (let p = 0; p < best.length && !improved; p++) {
      if (fixed.has(best[p]!)) continue;
      for (const c of [...candidates].sort((a, b) => a - b)) {
        if (best.includes(c)) continue;
        const trial = [...best];
        trial[p] = c;
        if (trial.reduce((a, i) => a + (options.cost?.(i) ?? 1), 0) > k) continue;
        const o = objective(g, trial);
        if (better(o, bestScore)) {
          best = trial;
          bestScore = o;
          improved = true;
          break;
        }
      }
    }
    if (!improved) break;
  }
  // Order: the fixed members first, then each step the member that most reduces the objective.
  const ordered = [...options.include.filter((i) => best.includes(i))];
  const rest = new Set(best.filter((i) => !ordered.includes(i)));
  while (rest.size) {
    let pick = -1;
    let pickScore: [number, number] | null = null;
    for (const i of [...rest].sort((a, b) => a - b)) {
      const o = objective(g, [...ordered, i]);
      if (!pickScore || better(o, pickScore)) {
        pick = i;
        pickScore = o;
      }
    }
    ordered.push(pick);
    rest.delete(pick);
  }
  return ordered;
}

/** Measures after 0, 1, … k removals in the given order. */
export function curve(g: DisruptionGraph, order: number[], efficiencyExactUpTo = Infinity): Measures[] {
  return Array.from({ length: order.length + 1 }, (_, i) => measure(g, order.slice(0, i), true, efficiencyExactUpTo));
}

/**
 * Who would broker next: the present node with the highest betweenness once `removed` are gone (estimated from
 * 300 seeded sources above 1,000 nodes).
 */
export function nextBroker(g: DisruptionGraph, removedIds: number[], allowed: (i: number) => boolean): number {
  const removed = new Uint8Array(g.ids.length);
  for (const i of removedIds) removed[i] = 1;
  return argmax(betweenness(g, removed, g.ids.length > 1000 ? 300 : Infinity), removed, allowed);
}
