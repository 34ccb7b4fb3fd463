// Brandes' shortest-path passes (betweenness and harmonic closeness), and the share of them a helper thread
// takes. The sources are always summed as PASS_PARTS parts, each into its own columns, and the parts then added in
// order: with a helper thread, it takes the parts from the first on while the caller does other work, and the
// caller then takes back, last first, the parts the helper has not reached. Which thread ran a part changes
// nothing: the result is the same bit for bit either way (src/lib/handoff.ts hands the parts over).
// The passes run in WebAssembly (kernels.wat) where it may run, and in JavaScript otherwise, with the same results
// bit for bit.
import { zeros } from '../lib/typed';
import { handOff, postHint, taskColumn, taskState, type HandedTask, type Handoff } from '../lib/handoff';
import { kernelMemory } from './wasm';

/** A node's place in the passes' heap before it is reached, and once it is popped. */
const NEVER = -1;
const SETTLED = -2;

/** A CSR's rows and each tie's length (1 / strength), as the passes read them. */
export interface PathGraph {
  offsets: Int32Array;
  targets: Int32Array;
  length: Float64Array;
}

/**
 * One pass per source, adding each node's dependency to `betweenness` and 1/distance to `closeness` (both
 * unscaled: every source counts each pair it reaches once).
 */
export function brandesPasses(
  graph: PathGraph,
  sources: ArrayLike<number>,
  unweighted: boolean,
  betweenness: Float64Array,
  closeness: Float64Array,
  options: { wasm?: boolean; graphKey?: number } = {},
): void {
  if (options.wasm !== false && wasmPasses(graph, sources, unweighted, betweenness, closeness, options.graphKey))
    return;
  const { offsets, targets, length } = graph;
  const n = offsets.length - 1;
  const dist = zeros(Float64Array, n);
  const sigma = zeros(Float64Array, n);
  const delta = zeros(Float64Array, n);
  const order = zeros(Int32Array, n);
  // Predecessors in a flat pool: pred lists per node as linked entries.
  const predHead = zeros(Int32Array, n);
  const predNext = zeros(Int32Array, targets.length + 1);
  const predNode = zeros(Int32Array, targets.length + 1);
  const queue = zeros(Int32Array, n);
  // The heap of (distance, node), indexed: each node is in it once at most, at place `place[node]`, and a shorter
  // path found to it moves it up (a lazy heap, which pushed a node again at each shorter path and skipped the
  // stale entries when they came up, held twice as many entries at 1M call rows and ran 15 % slower). It pops in
  // the same order, the least distance first and ties by node, so the sums are the same bit for bit.
  const prio = zeros(Float64Array, n);
  const node = zeros(Int32Array, n);
  /** Each node's place in the heap; NEVER: not reached yet; SETTLED: popped. */
  const place = zeros(Int32Array, n);
  const EPS = 1e-12;
  for (let at = 0; at < sources.length; at++) {
    const s = sources[at]!;
    dist.fill(Infinity);
    sigma.fill(0);
    delta.fill(0);
    predHead.fill(-1);
    let pool = 0;
    let count = 0;
    dist[s] = 0;
    sigma[s] = 1;
    if (unweighted) {
      let head = 0;
      let tail = 0;
      queue[tail++] = s;
      while (head < tail) {
        const v = queue[head++]!;
        order[count++] = v;
        const next = dist[v]! + 1;
        for (let k = offsets[v]!, end = offsets[v + 1]!; k < end; k++) {
          const w = targets[k]!;
          if (dist[w] === Infinity) {
            dist[w] = next;
            queue[tail++] = w;
          }
          if (dist[w] === next) {
            sigma[w]! += sigma[v]!;
            predNode[pool] = v;
            predNext[pool] = predHead[w]!;
            predHead[w] = pool++;
          }
        }
      }
    } else {
      place.fill(NEVER);
      let size = 1;
      prio[0] = 0;
      node[0] = s;
      place[s] = 0;
      while (size) {
        const d = prio[0]!;
        const v = node[0]!;
        place[v] = SETTLED;
        // Pop: the last entry sinks from the top to its place.
        const last = --size;
        if (last > 0) {
          const lastP = prio[last]!;
          const lastV = node[last]!;
          let i = 0;
          for (;;) {
            let c = 2 * i + 1;
            if (c >= last) break;
            if (c + 1 < last && (prio[c + 1]! < prio[c]! || (prio[c + 1] === prio[c] && node[c + 1]! < node[c]!))) c++;
            if (prio[c]! > lastP || (prio[c] === lastP && node[c]! >= lastV)) break;
            prio[i] = prio[c]!;
            node[i] = node[c]!;
            place[node[i]!] = i;
            i = c;
          }
          prio[i] = lastP;
          node[i] = lastV;
          place[lastV] = i;
        }
        order[count++] = v;
        const sv = sigma[v]!;
        for (let k = offsets[v]!, end = offsets[v + 1]!; k < end; k++) {
          const w = targets[k]!;
          const nd = d + length[k]!;
          const old = dist[w]!;
          const tolerance = EPS * old;
          // Longer than the best path so far by more than the tolerance: neither shorter nor tied (most ties).
          if (nd - old > tolerance) continue;
          // A node popped keeps its paths: only a tie to it comes here, or a path of infinite length (a tie of
          // strength 0), which must not put it back in the heap.
          const at = place[w]!;
          if (at === SETTLED) continue;
          if (old === Infinity || nd < old - tolerance) {
            dist[w] = nd;
            sigma[w] = sv;
            predNode[pool] = v;
            predNext[pool] = -1;
            predHead[w] = pool++;
            // w rises from its place (from the bottom, when it is new) to its new one.
            let j = at >= 0 ? at : size++;
            while (j > 0) {
              const up = (j - 1) >> 1;
              if (prio[up]! < nd || (prio[up] === nd && node[up]! <= w)) break;
              prio[j] = prio[up]!;
              node[j] = node[up]!;
              place[node[j]!] = j;
              j = up;
            }
            prio[j] = nd;
            node[j] = w;
            place[w] = j;
          } else if (Math.abs(nd - old) <= tolerance) {
            sigma[w]! += sv;
            predNode[pool] = v;
            predNext[pool] = predHead[w]!;
            predHead[w] = pool++;
          }
        }
      }
    }
    for (let idx = count - 1; idx >= 0; idx--) {
      const w = order[idx]!;
      if (w !== s) closeness[w]! += 1 / dist[w]!;
      const sw = sigma[w]!;
      const dw = 1 + delta[w]!;
      for (let p = predHead[w]!; p !== -1; p = predNext[p]!) {
        const v = predNode[p]!;
        delta[v]! += (sigma[v]! / sw) * dw;
      }
      if (w !== s) betweenness[w]! += delta[w]!;
    }
  }
}

type PassMemory = NonNullable<ReturnType<typeof passMemory>>;

/**
 * The memory this thread keeps for the parts of one graph's passes (see startPasses), with the graph in it: a
 * fresh memory per part would be 46 MB of new pages each at 1M call rows, and a copy of the graph.
 */
let kept: { graphKey: number; memory: PassMemory } | null = null;

/** Lets go of the memory kept for the graph `graphKey`'s passes, if this thread keeps it. */
export function releasePassMemory(graphKey: number): void {
  if (kept?.graphKey === graphKey) kept = null;
}

/** A memory for the passes over `graph` from up to `sources` sources, with the graph written in. */
function passMemory(graph: PathGraph, sources: number) {
  const n = graph.offsets.length - 1;
  const ties = graph.targets.length;
  const memory = kernelMemory({
    bet: ['f64', n],
    clo: ['f64', n],
    dist: ['f64', n],
    sigma: ['f64', n],
    delta: ['f64', n],
    len: ['f64', ties],
    prio: ['f64', n],
    off: ['i32', n + 1],
    tg: ['i32', ties],
    src: ['i32', sources],
    order: ['i32', n],
    predHead: ['i32', n],
    queue: ['i32', n],
    predNext: ['i32', ties + 1],
    predNode: ['i32', ties + 1],
    node: ['i32', n],
    place: ['i32', n],
  } as const);
  if (!memory) return null;
  const v = memory.views;
  v.off.set(graph.offsets);
  v.tg.set(graph.targets);
  v.len.set(graph.length);
  return memory;
}

/**
 * brandesPasses in WebAssembly, on a memory of its own holding the graph, the sources, the sums and the work
 * columns (the JavaScript's, the same sizes): about 46 MB at 1M call rows. With `graphKey` (one graph's, the same
 * for each of its parts), the memory is kept for the next part on this thread, until releasePassMemory. Returns
 * false, having done nothing, where WebAssembly cannot be had.
 */
function wasmPasses(
  graph: PathGraph,
  sources: ArrayLike<number>,
  unweighted: boolean,
  betweenness: Float64Array,
  closeness: Float64Array,
  graphKey?: number,
): boolean {
  const n = graph.offsets.length - 1;
  let memory: PassMemory | null;
  if (graphKey === undefined) memory = passMemory(graph, sources.length);
  else if (kept?.graphKey === graphKey) memory = kept.memory;
  else {
    // Room for every node as a source: any part of the graph's sources fits.
    kept = null;
    memory = passMemory(graph, n);
    if (memory) kept = { graphKey, memory };
  }
  if (!memory) return false;
  const { kernels, views: v } = memory;
  for (let i = 0; i < sources.length; i++) v.src[i] = sources[i]!;
  // The sums go on from where the caller's are.
  v.bet.set(betweenness);
  v.clo.set(closeness);
  // One call a source: V8 starts a WebAssembly function on its quick baseline code and moves it to its optimised
  // code between calls, never within one (the first of 20 sources at 1M rows took 127 ms a source in one call).
  for (let at = 0; at < sources.length; at++)
    kernels.passes(
      n,
      v.off.byteOffset,
      v.tg.byteOffset,
      v.len.byteOffset,
      v.src.byteOffset + 4 * at,
      1,
      unweighted ? 1 : 0,
      v.bet.byteOffset,
      v.clo.byteOffset,
      v.dist.byteOffset,
      v.sigma.byteOffset,
      v.delta.byteOffset,
      v.order.byteOffset,
      v.predHead.byteOffset,
      v.queue.byteOffset,
      v.predNext.byteOffset,
      v.predNode.byteOffset,
      v.prio.byteOffset,
      v.node.byteOffset,
      v.place.byteOffset,
    );
  betweenness.set(v.bet);
  closeness.set(v.clo);
  return true;
}

/** How many parts the passes are summed in: the unit of work the caller and the helper share out. */
export const PASS_PARTS = 12;

/**
 * Each part has this share of the sources of the part before it. The helper runs the big first parts while the
 * caller does other work; where the two meet, near the end at a city's size, the parts left are small, so neither
 * waits long for the other. (With eight equal parts, the 1M city's caller ran the last part alone, 0.35 s, while
 * the helper had nothing left to take.)
 */
const PART_RATIO = 0.75;

/**
 * Where part `p` starts among `count` sources: the parts shrink by PART_RATIO from the first to the last, and have
 * a source each at least where there are enough. Fixed by `count` alone: which thread runs a part changes nothing.
 */
export function partStart(p: number, count: number): number {
  if (p >= PASS_PARTS) return count;
  const share = (1 - PART_RATIO ** p) / (1 - PART_RATIO ** PASS_PARTS);
  return Math.min(Math.floor(share * count), Math.max(p, count - (PASS_PARTS - p)));
}

/** A part of the passes as a helper thread receives it: its columns are shared with the caller. */
export interface PassesTask extends HandedTask {
  kind: 'passes';
  graph: PathGraph;
  /** The same for every part of one graph's passes: the thread that runs two keeps one memory for both. */
  graphKey: number;
  sources: Int32Array;
  unweighted: boolean;
  betweenness: Float64Array;
  closeness: Float64Array;
}

/** Says that the parts of the graph `graphKey` are done: the helper lets go of the memory it kept for them. */
export interface PassesDoneTask extends HandedTask {
  kind: 'passes-done';
  graphKey: number;
}

/** Runs a passes task where it landed (on the helper, or back here): its columns from zero. */
export function runPassesTask(task: PassesTask): void {
  task.betweenness.fill(0);
  task.closeness.fill(0);
  brandesPasses(task.graph, task.sources, task.unweighted, task.betweenness, task.closeness, {
    graphKey: task.graphKey,
  });
}

/** Numbers graphs' passes on this thread; random at first, so that two threads' keys seldom meet. */
let graphKeys = Math.floor(Math.random() * 2 ** 30);

/**
 * The passes from every source, as PASS_PARTS parts (see the head of this file), handed to the helper thread now,
 * if there is one; `finish` takes back (last first) and runs here those the helper has not taken, waits for the
 * rest, and adds them, in order, into `betweenness` and `closeness` (zero, or sums already begun). It returns how
 * many threads ran the passes.
 */
export function startPasses(
  graph: PathGraph,
  sources: Int32Array,
  unweighted: boolean,
): { finish(betweenness: Float64Array, closeness: Float64Array): 1 | 2 } {
  const n = graph.offsets.length - 1;
  const graphKey = ++graphKeys;
  const cut = (p: number) => partStart(p, sources.length);
  const parts: { task: PassesTask; handed: Handoff }[] = [];
  for (let p = 0; p < PASS_PARTS; p++) {
    if (cut(p) === cut(p + 1)) continue;
    const task: PassesTask = {
      kind: 'passes',
      graph,
      graphKey,
      sources: sources.subarray(cut(p), cut(p + 1)),
      unweighted,
      betweenness: taskColumn(n),
      closeness: taskColumn(n),
      state: taskState(),
    };
    const handed = handOff(task, (fresh) => {
      if (fresh) {
        task.betweenness = zeros(Float64Array, n);
        task.closeness = zeros(Float64Array, n);
      }
      runPassesTask(task);
    });
    parts.push({ task, handed });
  }
  return {
    finish(betweenness, closeness) {
      let threads: 1 | 2 = 1;
      for (let p = parts.length - 1; p >= 0; p--) if (parts[p]!.handed.join()) threads = 2;
      releasePassMemory(graphKey);
      if (threads === 2) {
        const done: PassesDoneTask = { kind: 'passes-done', graphKey, state: taskState() };
        postHint(done);
      }
      for (const { task } of parts)
        for (let i = 0; i < n; i++) {
          betweenness[i]! += task.betweenness[i]!;
          closeness[i]! += task.closeness[i]!;
        }
      return threads;
    },
  };
}
