// Compact undirected weighted graph in typed arrays (compressed sparse rows) for the analysis kernels:
// about 25 bytes per edge against graphology's 240, and cache-friendly loops.
import { resized, zeros } from '../lib/typed';

export interface Csr {
  ids: string[];
  index: Map<string, number>;
  /** Neighbours of node i are targets[offsets[i] .. offsets[i+1]). */
  offsets: Int32Array;
  targets: Int32Array;
  weights: Float64Array;
}

/** Builds a CSR from undirected pairs; duplicate pairs add their weights. Node order is `ids` as given. */
export function createCsr(ids: string[], pairs: Iterable<[string, string, number]>): Csr {
  const index = new Map<string, number>();
  ids.forEach((id, i) => index.set(id, i));
  const arcs = new Arcs();
  for (const [a, b, w] of pairs) {
    const i = index.get(a);
    const j = index.get(b);
    if (i !== undefined && j !== undefined) arcs.add(i, j, w);
  }
  return arcs.toCsr(ids, index);
}

/** Undirected pairs by node index, in growable typed arrays, for building a CSR without an object per pair. */
export class Arcs {
  private i: Int32Array;
  private j: Int32Array;
  private w: Float64Array;
  private size = 0;

  /** `pairs`: how many pairs will be added, when known (each growth is a copy, and garbage). */
  constructor(pairs = 512) {
    this.i = zeros(Int32Array, pairs);
    this.j = zeros(Int32Array, pairs);
    this.w = zeros(Float64Array, pairs);
  }

  /** Adds the pair i–j with weight w; a pair of a node with itself is left out. */
  add(i: number, j: number, w: number): void {
    if (i === j) return;
    if (this.size === this.i.length) {
      const length = Math.max(1024, this.i.length * 2);
      this.i = resized(this.i, length);
      this.j = resized(this.j, length);
      this.w = resized(this.w, length);
    }
    this.i[this.size] = i;
    this.j[this.size] = j;
    this.w[this.size++] = w;
  }

  /** `trim`: see csrFromPairs. */
  toCsr(ids: string[], index: Map<string, number>, trim = true): Csr {
    const { size } = this;
    const { i, j, w } = this;
    return csrFromPairs(ids, index, i.subarray(0, size), j.subarray(0, size), w.subarray(0, size), trim);
  }
}

/**
 * A CSR from undirected pairs by node index (i[p]–j[p], weight w[p]); a pair of a node with itself is left out.
 * Rows are sorted by neighbour with duplicates merged, their weights added in the order of the pairs.
 *
 * One counting pass places each pair in both its rows; each row is then sorted stably on its own and merged in
 * place. The pairs are read in order, and only the writes to the rows fall far apart, where two stable counting
 * sorts over all arcs read every arc at a random place three times: at 5M rows that was most of the time the
 * graph took to build. Each pass is its own function: V8 optimises each as a whole, where one function holding
 * every loop reached its later loops unoptimised, and fell out of optimised code several times in its first runs.
 */
export function csrFromPairs(
  ids: string[],
  index: Map<string, number>,
  i: Int32Array,
  j: Int32Array,
  w: Float64Array,
  /**
   * Whether merged pairs' room is given back (a copy of the ties): for a graph that is kept. A graph read once
   * and dropped (the SIM take-overs' contacts) keeps views of the longer columns instead.
   */
  trim = true,
): Csr {
  const n = ids.length;
  const offsets = rowStarts(i, j, n);
  const m = offsets[n]!;
  const targets = zeros(Int32Array, m);
  const weights = zeros(Float64Array, m);
  scatter(i, j, w, offsets, targets, weights);
  const out = sortAndMerge(offsets, targets, weights, n);
  // Cut to the merged length only where pairs were merged: a copy touches fresh memory, which costs.
  if (out === m) return { ids, index, offsets, targets, weights };
  if (!trim) return { ids, index, offsets, targets: targets.subarray(0, out), weights: weights.subarray(0, out) };
  return { ids, index, offsets, targets: resized(targets, out), weights: resized(weights, out) };
}

/** Where each node's row starts (n + 1 values), from how many pairs each node is in. */
function rowStarts(i: Int32Array, j: Int32Array, n: number): Int32Array {
  const offsets = zeros(Int32Array, n + 1);
  for (let p = 0; p < i.length; p++) {
    if (i[p] === j[p]) continue;
    offsets[i[p]! + 1]!++;
    offsets[j[p]! + 1]!++;
  }
  for (let x = 0; x < n; x++) offsets[x + 1]! += offsets[x]!;
  return offsets;
}

/** Each pair into both its rows, in the order of the pairs. */
function scatter(
  i: Int32Array,
  j: Int32Array,
  w: Float64Array,
  offsets: Int32Array,
  targets: Int32Array,
  weights: Float64Array,
): void {
  const next = offsets.slice(0, offsets.length - 1);
  for (let p = 0; p < i.length; p++) {
    const a = i[p]!;
    const b = j[p]!;
    if (a === b) continue;
    let at = next[a]!++;
    targets[at] = b;
    weights[at] = w[p]!;
    at = next[b]!++;
    targets[at] = a;
    weights[at] = w[p]!;
  }
}

/** Sorts each row by neighbour, merges duplicates in place, moves `offsets` to the merged rows; returns their total. */
function sortAndMerge(offsets: Int32Array, targets: Int32Array, weights: Float64Array, n: number): number {
  let out = 0;
  for (let x = 0, start = 0; x < n; x++) {
    const end = offsets[x + 1]!;
    sortRow(targets, weights, start, end, n);
    offsets[x] = out;
    const first = out;
    for (let s = start; s < end; s++) {
      if (out > first && targets[out - 1] === targets[s]) weights[out - 1]! += weights[s]!;
      else {
        targets[out] = targets[s]!;
        weights[out++] = weights[s]!;
      }
    }
    start = end;
  }
  offsets[n] = out;
  return out;
}

/** Rows up to this long are sorted by insertion. */
const INSERTION_LIMIT = 32;

/** Sorts targets[start, end) stably by value, carrying the weights. */
function sortRow(targets: Int32Array, weights: Float64Array, start: number, end: number, n: number): void {
  if (end - start <= INSERTION_LIMIT) {
    for (let s = start + 1; s < end; s++) {
      const t = targets[s]!;
      if (targets[s - 1]! <= t) continue;
      const w = weights[s]!;
      let r = s;
      for (; r > start && targets[r - 1]! > t; r--) {
        targets[r] = targets[r - 1]!;
        weights[r] = weights[r - 1]!;
      }
      targets[r] = t;
      weights[r] = w;
    }
    return;
  }
  let sorted = true;
  for (let s = start + 1; s < end && sorted; s++) sorted = targets[s - 1]! <= targets[s]!;
  if (sorted) return;
  // A longer row out of order: each arc as one number, target × length + position, sorted as numbers without
  // a comparator. That is stable by construction, and exact while n × length is below 2^53 (a comparator else).
  const length = end - start;
  const t = targets.slice(start, end);
  const w = weights.slice(start, end);
  if (n * length <= Number.MAX_SAFE_INTEGER) {
    const keys = new Float64Array(length);
    for (let r = 0; r < length; r++) keys[r] = t[r]! * length + r;
    keys.sort();
    for (let r = 0; r < length; r++) {
      const position = keys[r]! % length;
      targets[start + r] = t[position]!;
      weights[start + r] = w[position]!;
    }
    return;
  }
  const order = Array.from({ length }, (_, r) => r).sort((a, b) => t[a]! - t[b]! || a - b);
  for (let r = 0; r < length; r++) {
    targets[start + r] = t[order[r]!]!;
    weights[start + r] = w[order[r]!]!;
  }
}

export function degreeOf(csr: Csr, i: number): number {
  return csr.offsets[i + 1]! - csr.offsets[i]!;
}
