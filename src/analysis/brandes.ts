// Brandes' shortest-path passes (betweenness and harmonic closeness), and the share of them a helper thread
// takes. The sources are always summed as two parts, the first half and the second, each into its own columns,
// and the parts then added: with a helper thread the second part runs beside the first, without one after it,
// and the result is the same bit for bit either way. No module here imports a platform's threads: the CLI and
// the app's worker each start a helper their own way (src/cli/helper-thread.ts, src/worker/case-worker.ts)
// and hand it over with `useHelperThread`.
import { zeros } from '../lib/typed';

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
): void {
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
  // The heap's priorities and nodes: each edge end can push its node once per pass, plus the source.
  const prio = zeros(Float64Array, targets.length + 1);
  const node = zeros(Int32Array, targets.length + 1);
  const done = zeros(Uint8Array, n);
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
      done.fill(0);
      // The heap of (distance, node), lazy: an entry left behind by a shorter path is skipped when it comes up.
      let size = 1;
      prio[0] = 0;
      node[0] = s;
      while (size) {
        const d = prio[0]!;
        const v = node[0]!;
        // Pop: the last entry sinks from the top to its place.
        const last = --size;
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
          i = c;
        }
        prio[i] = lastP;
        node[i] = lastV;
        if (done[v] || d > dist[v]!) continue;
        done[v] = 1;
        order[count++] = v;
        const sv = sigma[v]!;
        for (let k = offsets[v]!, end = offsets[v + 1]!; k < end; k++) {
          const w = targets[k]!;
          const nd = d + length[k]!;
          const old = dist[w]!;
          const tolerance = EPS * old;
          // Longer than the best path so far by more than the tolerance: neither shorter nor tied (most ties).
          if (nd - old > tolerance) continue;
          if (old === Infinity || nd < old - tolerance) {
            dist[w] = nd;
            sigma[w] = sv;
            predNode[pool] = v;
            predNext[pool] = -1;
            predHead[w] = pool++;
            // Push: the new entry rises from the bottom to its place.
            let j = size++;
            while (j > 0) {
              const up = (j - 1) >> 1;
              if (prio[up]! < nd || (prio[up] === nd && node[up]! <= w)) break;
              prio[j] = prio[up]!;
              node[j] = node[up]!;
              j = up;
            }
            prio[j] = nd;
            node[j] = w;
          } else if (Math.abs(nd - old) <= tolerance && !done[w]) {
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

/** The second part's passes as a helper thread receives them: its columns are shared with the caller. */
export interface PassesTask {
  graph: PathGraph;
  sources: Int32Array;
  unweighted: boolean;
  betweenness: Float64Array;
  closeness: Float64Array;
  /** One Int32 on shared memory: see `State`. */
  state: Int32Array;
}

/** Who has the task: whoever moves it from POSTED first runs it. */
const State = { POSTED: 0, HELPER: 1, DONE: 2, CALLER: 3, FAILED: 4 } as const;

/** A started helper thread: `post` hands it a task (it runs `runPassesTask` on its side). */
export interface HelperThread {
  post(task: PassesTask): void;
}

let helper: HelperThread | undefined;

/**
 * The helper thread the passes may use from now on (none: `undefined`). Only a thread that may block (Node's
 * main thread, a worker; not a page's) should set one: it waits for the helper to finish its part.
 */
export function useHelperThread(thread: HelperThread | undefined): void {
  helper = thread;
}

/** Stops using `thread` (one that failed or was stopped), if it is still the one in use. */
export function dropHelperThread(thread: HelperThread): void {
  if (helper === thread) helper = undefined;
}

/** On the helper's side: takes the task unless the caller already has, runs it and says so. */
export function runPassesTask(task: PassesTask): void {
  if (Atomics.compareExchange(task.state, 0, State.POSTED, State.HELPER) !== State.POSTED) return;
  let outcome: number = State.DONE;
  try {
    brandesPasses(task.graph, task.sources, task.unweighted, task.betweenness, task.closeness);
  } catch {
    outcome = State.FAILED;
  }
  Atomics.store(task.state, 0, outcome);
  Atomics.notify(task.state, 0);
}

const SHARED = typeof SharedArrayBuffer === 'function' && typeof Atomics.wait === 'function';

function sharedColumn(length: number): Float64Array {
  return new Float64Array(new SharedArrayBuffer(Math.max(1, length) * Float64Array.BYTES_PER_ELEMENT)).subarray(
    0,
    length,
  );
}

/**
 * The passes from every source, as two parts (see the head of this file), into `betweenness` and `closeness`.
 * Returns how many threads ran them: 2 when the helper took the second part, else 1.
 */
export function passesInTwoParts(
  graph: PathGraph,
  sources: Int32Array,
  unweighted: boolean,
  betweenness: Float64Array,
  closeness: Float64Array,
): 1 | 2 {
  const n = betweenness.length;
  const half = Math.ceil(sources.length / 2);
  const thread = SHARED && sources.length > 1 ? helper : undefined;
  const second = {
    betweenness: thread ? sharedColumn(n) : zeros(Float64Array, n),
    closeness: thread ? sharedColumn(n) : zeros(Float64Array, n),
  };
  const state = thread ? new Int32Array(new SharedArrayBuffer(4)) : new Int32Array(1);
  if (thread)
    thread.post({ graph, sources: sources.subarray(half), unweighted, ...second, state } satisfies PassesTask);
  brandesPasses(graph, sources.subarray(0, half), unweighted, betweenness, closeness);
  let threads: 1 | 2 = 2;
  if (!thread || Atomics.compareExchange(state, 0, State.POSTED, State.CALLER) === State.POSTED) threads = 1;
  else {
    while (Atomics.load(state, 0) === State.HELPER) Atomics.wait(state, 0, State.HELPER);
    if (Atomics.load(state, 0) === State.FAILED) {
      second.betweenness.fill(0);
      second.closeness.fill(0);
      threads = 1;
    }
  }
  if (threads === 1) brandesPasses(graph, sources.subarray(half), unweighted, second.betweenness, second.closeness);
  for (let i = 0; i < n; i++) {
    betweenness[i]! += second.betweenness[i]!;
    closeness[i]! += second.closeness[i]!;
  }
  return threads;
}
